import { MEMBERSHIP_ROLES, type MembershipRole } from "@/lib/permissions/permissions";

export { MEMBERSHIP_ROLES, type MembershipRole };

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  admin: "Admin",
  default: "Member",
  auditor: "Auditor",
};

export const MEMBERSHIP_ROLE_DESCRIPTIONS: Record<MembershipRole, string> = {
  admin: "manages this org unit and its members",
  default: "belongs to this org unit",
  auditor: "reads this org unit and its members",
};
