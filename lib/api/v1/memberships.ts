import { addMembership, changeMembershipRole, listOrgUnitMembers, removeMembership } from "@/lib/memberships/service";
import { addMembershipSchema, changeRoleSchema } from "@/lib/memberships/schema";
import { tenantRoute } from "@/lib/edge/tenant-route";
import { withinOrgUnit } from "@/lib/edge/tenant-permission";
import { noContent, respond } from "@/lib/edge/responses";
import { NO_CONTENT, refusals, returns } from "@/lib/api/operation-responses";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
import { pathOrgUnitId, pathUsername } from "@/lib/api/params";
import { pageQuery } from "@/lib/api/schemas/queries";
import { memberPageSchema, membershipSchema } from "@/lib/api/schemas/org-units";

const MEMBER = "Membership";

export const listMembersRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/org-units/{id}/members",
  operationId: "listMembers",
  tag: "Memberships",
  summary: "List an org unit's members",
  pathParams: tenantPathParams.orgUnit,
  responses: returns("A page of members.", memberPageSchema),
  permission: withinOrgUnit("membership:read"),
  query: pageQuery,
  handle: async ({ tenant, params, query }) => respond(memberPageSchema, await listOrgUnitMembers(tenant, pathOrgUnitId(params), query)),
});

export const addMemberRoute = tenantRoute({
  method: "post",
  path: "/api/v1/tenants/{key}/org-units/{id}/members",
  operationId: "addMember",
  tag: "Memberships",
  summary: "Add a member",
  description:
    "A user of this tenant joins the org unit with a role: `admin`, `default` or `auditor`. The caller must hold, in this org unit, every permission of the role it gives (else 403 `forbidden`).",
  pathParams: tenantPathParams.orgUnit,
  responses: { ...returns("The membership.", membershipSchema, 201), ...refusals(409, 429) },
  permission: withinOrgUnit("membership:manage"),
  body: addMembershipSchema,
  handle: async ({ tenant, params, body, principal, actor }) => respond(membershipSchema, await addMembership(tenant, pathOrgUnitId(params), body, principal, actor), 201),
});

export const changeMemberRoleRoute = tenantRoute({
  method: "patch",
  path: "/api/v1/tenants/{key}/org-units/{id}/members/{username}",
  operationId: "changeMemberRole",
  tag: "Memberships",
  summary: "Change a member's role",
  description: "The caller must hold, in this org unit, every permission of both the old and the new role (else 403 `forbidden`).",
  pathParams: tenantPathParams.member,
  responses: returns("The membership.", membershipSchema),
  permission: withinOrgUnit("membership:manage"),
  body: changeRoleSchema,
  handle: async ({ tenant, params, body, principal, actor }) =>
    respond(membershipSchema, await changeMembershipRole(tenant, pathOrgUnitId(params), pathUsername(params, MEMBER), body.role, principal, actor)),
});

export const removeMemberRoute = tenantRoute({
  method: "delete",
  path: "/api/v1/tenants/{key}/org-units/{id}/members/{username}",
  operationId: "removeMember",
  tag: "Memberships",
  summary: "Remove a member",
  description: "The caller must hold, in this org unit, every permission of the member's role (else 403 `forbidden`).",
  pathParams: tenantPathParams.member,
  responses: NO_CONTENT,
  permission: withinOrgUnit("membership:manage"),
  handle: async ({ tenant, params, principal, actor }) => {
    await removeMembership(tenant, pathOrgUnitId(params), pathUsername(params, MEMBER), principal, actor);
    return noContent();
  },
});
