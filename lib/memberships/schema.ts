import { z } from "zod";
import { orgUnitIdentifierSchema } from "@/lib/org-units/schema";
import { usernameSchema } from "@/lib/users/schema";
import { MEMBERSHIP_ROLES, type MembershipRole } from "@/lib/memberships/roles";

// Roles and their labels live in ./roles (no zod, safe for client components); re-exported for callers here.
export { MEMBERSHIP_ROLES, MEMBERSHIP_ROLE_DESCRIPTIONS, MEMBERSHIP_ROLE_LABELS, type MembershipRole } from "@/lib/memberships/roles";

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : (v ?? ""));

/** A username as the users' own schema accepts it (trimmed, lower-cased). */
export const membershipUsernameSchema = z.preprocess((v) => v ?? "", usernameSchema);

export const membershipRoleSchema = z.preprocess(trimmed, z.enum(MEMBERSHIP_ROLES, { error: "Choose admin, member or auditor" }));

export const addMembershipSchema = z.object({ username: membershipUsernameSchema, role: membershipRoleSchema });
export interface AddMembershipInput {
  username: string;
  role: MembershipRole;
}

export const changeRoleSchema = z.object({ role: membershipRoleSchema });

/** From a user's page: the org unit by its identifier, and the role. */
export const addToOrgUnitSchema = z.object({ orgUnit: orgUnitIdentifierSchema, role: membershipRoleSchema });
