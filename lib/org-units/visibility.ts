import { can, type Principal } from "@/lib/permissions/permissions";
import type { OrgUnitListOptions } from "@/lib/org-units/service";

/**
 * Which org units a caller sees in the list: all of them with `ou:list`, otherwise only those
 * their memberships let them read.
 */
export function orgUnitListScope(principal: Principal): OrgUnitListOptions {
  if (can(principal, "ou:list")) return {};
  const own = principal.kind === "user" ? Object.keys(principal.ouRoles) : [];
  return { within: own.filter((orgUnitId) => can(principal, "ou:read", { orgUnitId })) };
}
