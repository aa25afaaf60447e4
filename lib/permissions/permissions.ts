import type { TenantRole } from "@/lib/identity/roles";
import type { PlatformScope } from "@/lib/permissions/platform";

/** Every permission of a tenant, as `resource:action`. */
export const PERMISSIONS = [
  "user:list",
  "user:read",
  "user:create",
  "user:update",
  "user:disable",
  "user:delete",
  "user:reset_password",
  "ou:list",
  "ou:read",
  "ou:create",
  "ou:update",
  "ou:delete",
  "membership:read",
  "membership:manage",
  "apikey:list",
  "apikey:create",
  "apikey:revoke",
  "audit:read",
  "settings:update",
  "tenant:export",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const MEMBERSHIP_ROLES = ["admin", "default", "auditor"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

const READ_ONLY: readonly Permission[] = ["user:list", "user:read", "ou:list", "ou:read", "membership:read", "apikey:list", "audit:read"];

/** Tenant-wide: what each realm role allows anywhere in its tenant. The one place roles map to permissions. */
export const REALM_ROLE_PERMISSIONS: Record<TenantRole, readonly Permission[]> = {
  "tenant-admin": PERMISSIONS,
  auditor: READ_ONLY,
  member: [],
};

/** OU-scoped: what a membership role allows within that org unit only. */
export const OU_ROLE_PERMISSIONS: Record<MembershipRole, readonly Permission[]> = {
  admin: ["ou:read", "ou:update", "membership:read", "membership:manage", "user:list", "user:read"],
  auditor: ["ou:read", "membership:read", "user:list", "user:read"],
  default: ["ou:read"],
};

/** Who is asking, as far as permissions go. */
export type Principal =
  | { kind: "superadmin" }
  | { kind: "user"; username: string; realmRoles: readonly string[]; ouRoles: Readonly<Record<string, MembershipRole>> }
  | { kind: "apikey"; keyId: string; scopes: readonly Permission[] }
  /** A platform API key: platform scopes only (lib/permissions/platform.ts), no tenant permission. */
  | { kind: "platform"; keyId: string; scopes: readonly PlatformScope[] };

export interface Scope {
  orgUnitId?: string;
}

/** Whether `principal` may do `permission` (within `scope.orgUnitId`, where the action concerns one OU). */
export function can(principal: Principal, permission: Permission, scope: Scope = {}): boolean {
  switch (principal.kind) {
    case "superadmin":
      return true;
    case "apikey":
      return principal.scopes.includes(permission);
    case "platform":
      return false;
    case "user": {
      const tenantWide = principal.realmRoles.some((role) => (REALM_ROLE_PERMISSIONS[role as TenantRole] ?? []).includes(permission));
      if (tenantWide) return true;
      const ouRole = scope.orgUnitId ? principal.ouRoles[scope.orgUnitId] : undefined;
      return ouRole ? OU_ROLE_PERMISSIONS[ouRole].includes(permission) : false;
    }
  }
}

/** Whether a user principal's tenant-wide role (as the tenant's database has it now) is tenant-admin. */
export function isTenantAdmin(principal: Principal): boolean {
  return principal.kind === "user" && principal.realmRoles.includes("tenant-admin");
}

/** Whether the principal may do `permission` in at least one OU (to show a menu entry, say). */
export function canSomewhere(principal: Principal, permission: Permission): boolean {
  if (can(principal, permission)) return true;
  return principal.kind === "user" && Object.values(principal.ouRoles).some((role) => OU_ROLE_PERMISSIONS[role].includes(permission));
}

/**
 * Whether the principal may give someone the tenant-wide `role` (or take it away): only with every
 * permission the role carries, so nobody hands out more than they hold.
 */
export function canAssignRole(principal: Principal, role: TenantRole): boolean {
  return REALM_ROLE_PERMISSIONS[role].every((permission) => can(principal, permission));
}
