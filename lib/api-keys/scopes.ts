import { missingToGrant, PERMISSION_DESCRIPTIONS, PERMISSIONS, REALM_ROLE_PERMISSIONS, type Permission, type Principal } from "@/lib/permissions/permissions";
import type { ScopePreset } from "@/lib/permissions/presets";

/** What a key may be given: any permission, plus `scim` (SCIM 2.0 provisioning at /scim/v2 only; lib/scim). */
export const API_KEY_SCOPES = [...PERMISSIONS, "scim"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What each scope lets a key do: the permission's description, and `scim`'s own. */
export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  ...PERMISSION_DESCRIPTIONS,
  scim: "SCIM 2.0 provisioning of users and groups at /scim/v2 (grants nothing else)",
};

/** The usual kinds of workspace key. */
export const API_KEY_PRESETS: readonly ScopePreset[] = [
  {
    id: "read-only",
    label: "Read-only",
    description: "Reads users, org units, memberships, API keys and the audit trail; changes nothing.",
    scopes: REALM_ROLE_PERMISSIONS.auditor,
  },
  {
    id: "user-provisioning",
    label: "User provisioning",
    description: "An HR or identity system creating, editing and disabling users and their org unit memberships.",
    scopes: ["user:list", "user:read", "user:create", "user:update", "user:disable", "ou:list", "ou:read", "membership:read", "membership:manage"],
  },
  { id: "scim", label: "SCIM directory sync", description: "A SCIM 2.0 client (Entra ID, Okta …) at /scim/v2.", scopes: ["scim"] },
  {
    id: "compliance",
    label: "Audit and export",
    description: "A compliance or backup job reading the audit trail and downloading the workspace's data.",
    scopes: ["audit:read", "tenant:export"],
  },
];

/** A SCIM client provisions users and groups (org units, memberships), so only someone who may do all of that can hand it out. */
const SCIM_REQUIRES: readonly Permission[] = PERMISSIONS.filter((p) => /^(user|ou|membership):/.test(p) && p !== "user:reset_password");

function isPermission(scope: string): scope is Permission {
  return (PERMISSIONS as readonly string[]).includes(scope);
}

/** The permissions a scope carries: the permission itself, or for `scim` everything a SCIM client does. */
export function scopePermissions(scope: ApiKeyScope): readonly Permission[] {
  return isPermission(scope) ? [scope] : SCIM_REQUIRES;
}

/** Whether `principal` holds everything `scope` carries tenant-wide, and so may give it to a key (the grant rule). */
export function mayGrant(principal: Principal, scope: ApiKeyScope): boolean {
  return missingToGrant(principal, { kind: "permissions", permissions: scopePermissions(scope) }).length === 0;
}

/**
 * What a key may do on /scim/v2 (lib/scim): what the `scim` scope carries, plus any permission it
 * also holds. The SCIM client acts with these, under the same grant rule as everyone else.
 */
export function scimPermissionsOf(scopes: readonly string[]): Permission[] {
  return [...new Set([...(scopes.includes("scim") ? SCIM_REQUIRES : []), ...permissionsOf(scopes)])];
}

/** The permissions among stored scopes (unknown or reserved ones grant nothing). */
export function permissionsOf(scopes: readonly string[]): Permission[] {
  return scopes.filter(isPermission);
}
