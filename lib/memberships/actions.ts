"use server";

import { authorizeTenantAdmin, tenantAdminCaller } from "@/lib/auth/tenant-admin";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { notAllowed } from "@/lib/auth/guards";
import { can } from "@/lib/permissions/permissions";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { addMembershipSchema, addToOrgUnitSchema, changeRoleSchema } from "@/lib/memberships/schema";
import { addMembership, changeMembershipRole, removeMembership } from "@/lib/memberships/service";
import { findOrgUnitByIdentifier } from "@/lib/org-units/service";

/** From an org unit's page: add a user (by username) with a role. */
export async function addMemberAction(target: string | null, orgUnitId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "membership:manage", { orgUnitId });
    const added = await addMembership(tenant, orgUnitId, parseOrThrow(addMembershipSchema, values), principal, actor);
    return { message: `Added ${added.username} to ${added.identifier}.` };
  });
}

/** From a user's page: add the user to an org unit named by its identifier. */
export async function addToOrgUnitAction(target: string | null, username: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const input = parseOrThrow(addToOrgUnitSchema, values);
    const { tenant, actor, principal } = await tenantAdminCaller(target);
    const ou = await findOrgUnitByIdentifier(tenant, input.orgUnit);
    // Without an org unit there is no scope: only tenant-wide managers learn that it does not exist.
    if (!can(principal, "membership:manage", ou ? { orgUnitId: ou.id } : {})) throw notAllowed();
    if (!ou) throw new AppError("not_found", "No such org unit.", { orgUnit: `There is no org unit “${input.orgUnit}”.` });
    try {
      await addMembership(tenant, ou.id, { username, role: input.role }, principal, actor);
    } catch (error) {
      // The user is fixed on this form, so "already a member" belongs next to the org unit field.
      if (isAppError(error) && error.code === "conflict") throw new AppError("conflict", error.message, { orgUnit: `${username} is already a member of “${ou.identifier}”.` });
      throw error;
    }
    return { message: `Added ${username} to ${ou.identifier}.` };
  });
}

export async function changeRoleAction(target: string | null, orgUnitId: string, username: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "membership:manage", { orgUnitId });
    const { role } = parseOrThrow(changeRoleSchema, values);
    await changeMembershipRole(tenant, orgUnitId, username, role, principal, actor);
    return { message: "Role saved." };
  });
}

export async function removeMemberAction(target: string | null, orgUnitId: string, username: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "membership:manage", { orgUnitId });
    await removeMembership(tenant, orgUnitId, username, principal, actor);
    return { message: `Removed ${username}.` };
  });
}
