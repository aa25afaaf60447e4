"use server";

import { confirmDeletionSchema, createOrgUnitFormSchema, updateOrgUnitFormSchema } from "@/lib/org-units/schema";
import { createOrgUnit, deleteOrgUnit, getOrgUnit, updateOrgUnit } from "@/lib/org-units/service";
import { parseOrThrow } from "@/lib/errors/zod";
import { BOUND } from "@/lib/edge/bound";
import { tenantAction } from "@/lib/edge/tenant-action";

export const createOrgUnitAction = tenantAction({
  permission: "ou:create",
  input: createOrgUnitFormSchema,
  handle: async ({ tenant, actor, admin, input }) => {
    const created = await createOrgUnit(tenant, input, actor);
    return { message: "Org unit created.", redirectTo: `${admin.base}/org-units/${created.id}` };
  },
});

export const updateOrgUnitAction = tenantAction({
  bound: [BOUND.orgUnit],
  permission: ([orgUnitId]) => ({ permission: "ou:update", scope: { orgUnitId } }),
  input: updateOrgUnitFormSchema,
  handle: async ({ tenant, actor, bound: [orgUnitId], input }) => {
    await updateOrgUnit(tenant, orgUnitId, input, actor);
    return { message: "Saved." };
  },
});

export const deleteOrgUnitAction = tenantAction({
  bound: [BOUND.orgUnit],
  permission: ([orgUnitId]) => ({ permission: "ou:delete", scope: { orgUnitId } }),
  handle: async ({ tenant, actor, admin, bound: [orgUnitId], values }) => {
    const ou = await getOrgUnit(tenant, orgUnitId);
    parseOrThrow(confirmDeletionSchema(ou.identifier), values);
    await deleteOrgUnit(tenant, orgUnitId, actor);
    return { message: `Org unit “${ou.identifier}” deleted.`, redirectTo: `${admin.base}/org-units` };
  },
});
