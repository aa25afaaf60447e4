import { AppError } from "@/lib/errors/app-error";
import { canSomewhere } from "@/lib/permissions/permissions";
import { createOrgUnit, deleteOrgUnit, getOrgUnit, listOrgUnits, updateOrgUnit } from "@/lib/org-units/service";
import { createOrgUnitSchema, updateOrgUnitSchema } from "@/lib/org-units/schema";
import { orgUnitListScope } from "@/lib/org-units/visibility";
import { tenantRoute } from "@/lib/edge/tenant-route";
import { withinOrgUnit } from "@/lib/edge/tenant-permission";
import { noContent, respond } from "@/lib/edge/responses";
import { NO_CONTENT, refusals, returns } from "@/lib/api/operation-responses";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
import { pathOrgUnitId } from "@/lib/api/params";
import { pageQuery } from "@/lib/api/schemas/queries";
import { orgUnitPageSchema, orgUnitSchema } from "@/lib/api/schemas/org-units";

/** All org units with `ou:list`; otherwise those the caller's memberships let them read (as the UI lists them). */
export const listOrgUnitsRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/org-units",
  operationId: "listOrgUnits",
  tag: "Org units",
  summary: "List org units",
  description: "Ordered by identifier; `q` matches a prefix of the identifier or the name.",
  pathParams: tenantPathParams.tenant,
  responses: returns("A page of org units.", orgUnitPageSchema),
  permission: { checkedByHandler: "ou:list (or ou:read within an org unit: only those are listed)" },
  query: pageQuery,
  handle: async ({ tenant, principal, query }) => {
    if (!canSomewhere(principal, "ou:read")) throw new AppError("forbidden", "This needs the permission ou:list or ou:read.");
    return respond(orgUnitPageSchema, await listOrgUnits(tenant, query, orgUnitListScope(principal)));
  },
});

export const createOrgUnitRoute = tenantRoute({
  method: "post",
  path: "/api/v1/tenants/{key}/org-units",
  operationId: "createOrgUnit",
  tag: "Org units",
  summary: "Create an org unit",
  pathParams: tenantPathParams.tenant,
  responses: { ...returns("The org unit.", orgUnitSchema, 201), ...refusals(409, 429) },
  permission: "ou:create",
  body: createOrgUnitSchema,
  handle: async ({ tenant, body, actor }) => respond(orgUnitSchema, await createOrgUnit(tenant, body, actor), 201),
});

export const getOrgUnitRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/org-units/{id}",
  operationId: "getOrgUnit",
  tag: "Org units",
  summary: "Get an org unit",
  pathParams: tenantPathParams.orgUnit,
  responses: returns("The org unit.", orgUnitSchema),
  permission: withinOrgUnit("ou:read"),
  handle: async ({ tenant, params }) => respond(orgUnitSchema, await getOrgUnit(tenant, pathOrgUnitId(params))),
});

export const patchOrgUnitRoute = tenantRoute({
  method: "patch",
  path: "/api/v1/tenants/{key}/org-units/{id}",
  operationId: "updateOrgUnit",
  tag: "Org units",
  summary: "Update an org unit",
  description: "Name, description and metadata; fields left out stay as they are. The identifier never changes.",
  pathParams: tenantPathParams.orgUnit,
  responses: returns("The org unit.", orgUnitSchema),
  permission: withinOrgUnit("ou:update"),
  body: updateOrgUnitSchema,
  handle: async ({ tenant, params, body, actor }) => respond(orgUnitSchema, await updateOrgUnit(tenant, pathOrgUnitId(params), body, actor)),
});

export const deleteOrgUnitRoute = tenantRoute({
  method: "delete",
  path: "/api/v1/tenants/{key}/org-units/{id}",
  operationId: "deleteOrgUnit",
  tag: "Org units",
  summary: "Delete an empty org unit",
  description: "An org unit with members is a conflict.",
  pathParams: tenantPathParams.orgUnit,
  responses: { ...NO_CONTENT, ...refusals(409) },
  permission: withinOrgUnit("ou:delete"),
  handle: async ({ tenant, params, actor }) => {
    await deleteOrgUnit(tenant, pathOrgUnitId(params), actor);
    return noContent();
  },
});
