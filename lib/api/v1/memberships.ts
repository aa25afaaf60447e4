import { addMembership, changeMembershipRole, listOrgUnitMembers, removeMembership } from "@/lib/memberships/service";
import { addMembershipSchema, changeRoleSchema } from "@/lib/memberships/schema";
import { tenantRoute } from "@/lib/api/route";
import { noContent, respond } from "@/lib/api/responses";
import { pathOrgUnitId, pathUsername } from "@/lib/api/params";
import { pageQuery } from "@/lib/api/schemas/queries";
import { memberPageSchema, membershipSchema } from "@/lib/api/schemas/org-units";
import { withinOrgUnit } from "@/lib/api/v1/org-units";

const MEMBER = "Membership";

export const listMembersRoute = tenantRoute({
  permission: withinOrgUnit("membership:read"),
  query: pageQuery,
  handle: async ({ tenant, params, query }) => respond(memberPageSchema, await listOrgUnitMembers(tenant, pathOrgUnitId(params), query)),
});

export const addMemberRoute = tenantRoute({
  permission: withinOrgUnit("membership:manage"),
  body: addMembershipSchema,
  handle: async ({ tenant, params, body, principal, actor }) => respond(membershipSchema, await addMembership(tenant, pathOrgUnitId(params), body, principal, actor), 201),
});

export const changeMemberRoleRoute = tenantRoute({
  permission: withinOrgUnit("membership:manage"),
  body: changeRoleSchema,
  handle: async ({ tenant, params, body, principal, actor }) =>
    respond(membershipSchema, await changeMembershipRole(tenant, pathOrgUnitId(params), pathUsername(params, MEMBER), body.role, principal, actor)),
});

export const removeMemberRoute = tenantRoute({
  permission: withinOrgUnit("membership:manage"),
  handle: async ({ tenant, params, principal, actor }) => {
    await removeMembership(tenant, pathOrgUnitId(params), pathUsername(params, MEMBER), principal, actor);
    return noContent();
  },
});
