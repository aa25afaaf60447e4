import type { TenantRole } from "@/lib/identity/roles";
import type { PlatformScope } from "@/lib/permissions/platform";
import { AppError } from "@/lib/errors/app-error";

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

/** What each permission lets its holder do, as the API key form and a key's summary show it. */
export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  "user:list": "List and search users",
  "user:read": "Read a user's details, roles and sessions",
  "user:create": "Create users",
  "user:update": "Edit users' details, usernames and tenant roles",
  "user:disable": "Disable and re-enable users",
  "user:delete": "Delete users",
  "user:reset_password": "Reset users' passwords and send set-password links",
  "ou:list": "List org units",
  "ou:read": "Read an org unit's details",
  "ou:create": "Create org units",
  "ou:update": "Edit org units",
  "ou:delete": "Delete org units",
  "membership:read": "See who belongs to which org unit, with which role",
  "membership:manage": "Add and remove org unit members and change their roles",
  "apikey:list": "List API keys (never their secrets)",
  "apikey:create": "Create API keys, with at most the scopes the creator holds",
  "apikey:revoke": "Revoke API keys",
  "audit:read": "Read the audit trail",
  "settings:update": "Change settings, branding and custom domains",
  "tenant:export": "Download the workspace's data (users, org units, memberships, settings)",
};

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

/** The platform operator: every tenant permission, in every tenant (console superadmins, and platform routes acting on a tenant). */
export const SUPERADMIN_PRINCIPAL: Principal = { kind: "superadmin" };

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

// The grant rule: nobody hands out more than they hold. Whatever a caller gives — a user's
// tenant-wide role (at creation or by a change), an OU role, an API key's scopes — it must hold
// every permission the grant carries, where the grant counts (tenant-wide, or within the OU). And
// whoever acts on a user — disables, enables, deletes, renames, edits, resets their password,
// sends them a set-password link — must be able to grant that user's role: nobody acts on someone
// more privileged than themselves. Every command that hands out or acts on someone asks here.

/** Something a caller hands out: the permissions it carries, and where they count. */
export type Grant =
  { kind: "tenantRole"; role: TenantRole } | { kind: "membershipRole"; role: MembershipRole; orgUnitId: string } | { kind: "permissions"; permissions: readonly Permission[] };

function grantNeeds(grant: Grant): { needed: readonly Permission[]; scope: Scope } {
  switch (grant.kind) {
    case "tenantRole":
      return { needed: REALM_ROLE_PERMISSIONS[grant.role], scope: {} };
    case "membershipRole":
      return { needed: OU_ROLE_PERMISSIONS[grant.role], scope: { orgUnitId: grant.orgUnitId } };
    case "permissions":
      return { needed: grant.permissions, scope: {} };
  }
}

/** The permissions `grant` carries that `principal` does not hold (empty: it may hand it out). */
export function missingToGrant(principal: Principal, grant: Grant): Permission[] {
  const { needed, scope } = grantNeeds(grant);
  return [...new Set(needed)].filter((permission) => !can(principal, permission, scope));
}

function describeGrant(grant: Grant): string {
  switch (grant.kind) {
    case "tenantRole":
      return `the role “${grant.role}”`;
    case "membershipRole":
      return `the org unit role “${grant.role}”`;
    case "permissions":
      return "the scopes asked for";
  }
}

/**
 * Refuses with `forbidden` unless `principal` holds everything `grant` carries. The message reads
 * "Only a caller holding every permission of <the grant> may <action>; this caller lacks <what is
 * missing>.", and `field` (when given) carries the refusal (or `fieldMessage`) next to that form field.
 */
export function requireGrant(principal: Principal, grant: Grant, action: string, field?: string, fieldMessage?: string): void {
  const missing = missingToGrant(principal, grant);
  if (missing.length === 0) return;
  const lacking = `${missing.length === 1 ? "the permission" : "the permissions"} ${missing.join(", ")}`;
  throw new AppError(
    "forbidden",
    `Only a caller holding every permission of ${describeGrant(grant)} may ${action}; this caller lacks ${lacking}.`,
    field ? { [field]: fieldMessage ?? `Not yours to grant: you lack ${lacking}.` } : {},
  );
}

/**
 * Whether the principal may give someone the tenant-wide `role` (or take it away): only with every
 * permission the role carries, so nobody hands out more than they hold.
 */
export function canAssignRole(principal: Principal, role: TenantRole): boolean {
  return missingToGrant(principal, { kind: "tenantRole", role }).length === 0;
}

/**
 * The act-on rule: refuses with `forbidden` unless `principal` could grant the role of the user it
 * acts on (a user without a known role counts as a member). `action` reads "disable", "delete", …
 */
export function requireMayActOn(principal: Principal, targetRole: TenantRole | null, action: string): void {
  requireGrant(principal, { kind: "tenantRole", role: targetRole ?? "member" }, `${action} a user with that role`);
}
