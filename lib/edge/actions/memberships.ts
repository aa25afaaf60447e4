"use server";

import { AppError, isAppError } from "@/lib/errors/app-error";
import { addMembershipSchema, addToOrgUnitSchema, changeRoleSchema } from "@/lib/memberships/schema";
import { addMembership, changeMembershipRole, removeMembership } from "@/lib/memberships/service";
import { findOrgUnitByIdentifier } from "@/lib/org-units/service";
import { BOUND } from "@/lib/edge/bound";
import { tenantAction } from "@/lib/edge/tenant-action";

const manageIn = ([orgUnitId]: [string, ...unknown[]]) => ({ permission: "membership:manage" as const, scope: { orgUnitId } });

/** From an org unit's page: add a user (by username) with a role. */
export const addMemberAction = tenantAction({
  bound: [BOUND.orgUnit],
  permission: manageIn,
  input: addMembershipSchema,
  handle: async ({ tenant, principal, actor, bound: [orgUnitId], input }) => {
    const added = await addMembership(tenant, orgUnitId, input, principal, actor);
    return { message: `Added ${added.username} to ${added.identifier}.` };
  },
});

/** From a user's page: add the user to an org unit named by its identifier. */
export const addToOrgUnitAction = tenantAction({
  bound: [BOUND.user],
  permission: "checked-by-handler",
  input: addToOrgUnitSchema,
  handle: async ({ tenant, principal, actor, authorize, bound: [username], input }) => {
    const ou = await findOrgUnitByIdentifier(tenant, input.orgUnit);
    // Without an org unit there is no scope: only tenant-wide managers learn that it does not exist.
    authorize("membership:manage", ou ? { orgUnitId: ou.id } : {});
    if (!ou) throw new AppError("not_found", "No such org unit.", { orgUnit: `There is no org unit “${input.orgUnit}”.` });
    try {
      await addMembership(tenant, ou.id, { username, role: input.role }, principal, actor);
    } catch (error) {
      // The user is fixed on this form, so "already a member" belongs next to the org unit field.
      if (isAppError(error) && error.code === "conflict") throw new AppError("conflict", error.message, { orgUnit: `${username} is already a member of “${ou.identifier}”.` });
      throw error;
    }
    return { message: `Added ${username} to ${ou.identifier}.` };
  },
});

export const changeRoleAction = tenantAction({
  bound: [BOUND.orgUnit, BOUND.user],
  permission: manageIn,
  input: changeRoleSchema,
  handle: async ({ tenant, principal, actor, bound: [orgUnitId, username], input }) => {
    await changeMembershipRole(tenant, orgUnitId, username, input.role, principal, actor);
    return { message: "Role saved." };
  },
});

export const removeMemberAction = tenantAction({
  bound: [BOUND.orgUnit, BOUND.user],
  permission: manageIn,
  handle: async ({ tenant, principal, actor, bound: [orgUnitId, username] }) => {
    await removeMembership(tenant, orgUnitId, username, principal, actor);
    return { message: `Removed ${username}.` };
  },
});
