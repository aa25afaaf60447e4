"use server";

import { authorize } from "@/lib/auth/guards";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { confirmDeletionSchema, createOrgUnitFormSchema, updateOrgUnitFormSchema } from "@/lib/org-units/schema";
import { createOrgUnit, deleteOrgUnit, getOrgUnit, updateOrgUnit } from "@/lib/org-units/service";

export async function createOrgUnitAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor } = await authorize("ou:create");
    const created = await createOrgUnit(tenant, parseOrThrow(createOrgUnitFormSchema, values), actor);
    return { message: "Org unit created.", redirectTo: `/org-units/${created.id}` };
  });
}

export async function updateOrgUnitAction(orgUnitId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor } = await authorize("ou:update", { orgUnitId });
    await updateOrgUnit(tenant, orgUnitId, parseOrThrow(updateOrgUnitFormSchema, values), actor);
    return { message: "Saved." };
  });
}

export async function deleteOrgUnitAction(orgUnitId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor } = await authorize("ou:delete", { orgUnitId });
    const ou = await getOrgUnit(tenant, orgUnitId);
    parseOrThrow(confirmDeletionSchema(ou.identifier), values);
    await deleteOrgUnit(tenant, orgUnitId, actor);
    return { message: `Org unit “${ou.identifier}” deleted.`, redirectTo: "/org-units" };
  });
}
