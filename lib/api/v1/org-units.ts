import { AppError } from "@/lib/errors/app-error";
import { canSomewhere } from "@/lib/permissions/permissions";
import { createOrgUnit, deleteOrgUnit, getOrgUnit, listOrgUnits, updateOrgUnit } from "@/lib/org-units/service";
import { createOrgUnitSchema, updateOrgUnitSchema } from "@/lib/org-units/schema";
import { orgUnitListScope } from "@/lib/org-units/visibility";
import { tenantRoute, type PathParams, type PermissionCheck } from "@/lib/api/route";
import { noContent, respond } from "@/lib/api/responses";
import { pathOrgUnitId } from "@/lib/api/params";
import { pageQuery } from "@/lib/api/schemas/queries";
import { orgUnitPageSchema, orgUnitSchema } from "@/lib/api/schemas/org-units";

/** A permission within the org unit the path names (an OU admin acts on their own OU only). */
export const withinOrgUnit =
  (permission: PermissionCheck["permission"]) =>
  (params: PathParams): PermissionCheck => ({ permission, scope: { orgUnitId: params.id ?? "" } });

/** All org units with `ou:list`; otherwise those the caller's memberships let them read (as the UI lists them). */
export const listOrgUnitsRoute = tenantRoute({
  permission: "checked-by-handler",
  query: pageQuery,
  handle: async ({ tenant, principal, query }) => {
    if (!canSomewhere(principal, "ou:read")) throw new AppError("forbidden", "This needs the permission ou:list or ou:read.");
    return respond(orgUnitPageSchema, await listOrgUnits(tenant, query, orgUnitListScope(principal)));
  },
});

export const createOrgUnitRoute = tenantRoute({
  permission: "ou:create",
  body: createOrgUnitSchema,
  handle: async ({ tenant, body, actor }) => respond(orgUnitSchema, await createOrgUnit(tenant, body, actor), 201),
});

export const getOrgUnitRoute = tenantRoute({
  permission: withinOrgUnit("ou:read"),
  handle: async ({ tenant, params }) => respond(orgUnitSchema, await getOrgUnit(tenant, pathOrgUnitId(params))),
});

export const patchOrgUnitRoute = tenantRoute({
  permission: withinOrgUnit("ou:update"),
  body: updateOrgUnitSchema,
  handle: async ({ tenant, params, body, actor }) => respond(orgUnitSchema, await updateOrgUnit(tenant, pathOrgUnitId(params), body, actor)),
});

export const deleteOrgUnitRoute = tenantRoute({
  permission: withinOrgUnit("ou:delete"),
  handle: async ({ tenant, params, actor }) => {
    await deleteOrgUnit(tenant, pathOrgUnitId(params), actor);
    return noContent();
  },
});
