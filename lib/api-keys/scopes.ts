import { can, PERMISSIONS, type Permission, type Principal } from "@/lib/permissions/permissions";

/** What a key may be given: any permission, plus `scim` (SCIM 2.0 provisioning at /scim/v2 only; lib/scim). */
export const API_KEY_SCOPES = [...PERMISSIONS, "scim"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A SCIM client provisions users and groups (org units, memberships), so only someone who may do all of that can hand it out. */
const SCIM_REQUIRES: readonly Permission[] = PERMISSIONS.filter((p) => /^(user|ou|membership):/.test(p) && p !== "user:reset_password");

function isPermission(scope: string): scope is Permission {
  return (PERMISSIONS as readonly string[]).includes(scope);
}

/** Whether `principal` holds `scope` tenant-wide, and so may give it to a key. */
export function mayGrant(principal: Principal, scope: ApiKeyScope): boolean {
  const needed = isPermission(scope) ? [scope] : SCIM_REQUIRES;
  return needed.every((permission) => can(principal, permission));
}

/** The permissions among stored scopes (unknown or reserved ones grant nothing). */
export function permissionsOf(scopes: readonly string[]): Permission[] {
  return scopes.filter(isPermission);
}
