"use server";

import { authorizeTenantAdmin } from "@/lib/auth/tenant-admin";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { confirmDeletionSchema, createOrgUnitFormSchema, updateOrgUnitFormSchema } from "@/lib/org-units/schema";
import { createOrgUnit, deleteOrgUnit, getOrgUnit, updateOrgUnit } from "@/lib/org-units/service";

export async function createOrgUnitAction(target: string | null, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, admin } = await authorizeTenantAdmin(target, "ou:create");
    const created = await createOrgUnit(tenant, parseOrThrow(createOrgUnitFormSchema, values), actor);
    return { message: "Org unit created.", redirectTo: `${admin.base}/org-units/${created.id}` };
  });
}

export async function updateOrgUnitAction(target: string | null, orgUnitId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor } = await authorizeTenantAdmin(target, "ou:update", { orgUnitId });
    await updateOrgUnit(tenant, orgUnitId, parseOrThrow(updateOrgUnitFormSchema, values), actor);
    return { message: "Saved." };
  });
}

export async function deleteOrgUnitAction(target: string | null, orgUnitId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, admin } = await authorizeTenantAdmin(target, "ou:delete", { orgUnitId });
    const ou = await getOrgUnit(tenant, orgUnitId);
    parseOrThrow(confirmDeletionSchema(ou.identifier), values);
    await deleteOrgUnit(tenant, orgUnitId, actor);
    return { message: `Org unit “${ou.identifier}” deleted.`, redirectTo: `${admin.base}/org-units` };
  });
}
