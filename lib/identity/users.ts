import { LRUCache } from "lru-cache";
import type RoleRepresentation from "@keycloak/keycloak-admin-client/lib/defs/roleRepresentation.js";
import { httpStatus, withAdmin } from "@/lib/identity/admin";
import { TENANT_ROLES, type TenantRole } from "@/lib/identity/roles";

export interface IdentityUserSpec {
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  attributes?: Record<string, string[]>;
}

export interface IdentityUser {
  id: string;
  username: string;
  enabled: boolean;
}

export async function findUserByUsername(realm: string, username: string): Promise<IdentityUser | null> {
  const [user] = await withAdmin((admin) => admin.users.find({ realm, username, exact: true }));
  return user?.id ? { id: user.id, username: user.username ?? username, enabled: user.enabled ?? true } : null;
}

export async function findUserById(realm: string, id: string): Promise<IdentityUser | null> {
  const user = await withAdmin((admin) => admin.users.findOne({ realm, id }));
  return user?.id ? { id: user.id, username: user.username ?? "", enabled: user.enabled ?? true } : null;
}

/** The identity server answered a rename without carrying it out (Keycloak without `editUsernameAllowed`). */
export class RenameIgnoredError extends Error {}

/** Ends every session the user has in the realm: their next sign-in asks for the password again. */
export async function logoutUser(realm: string, userId: string): Promise<void> {
  await withAdmin((admin) => admin.users.logout({ realm, id: userId }));
}

/**
 * Gives the realm user a new username and ends their sessions: they sign in again with the new
 * name (tokens issued under the old one would otherwise carry a username the tenant no longer has).
 * The user is read back: Keycloak answers 204 to a username change it ignored.
 */
export async function renameUser(realm: string, userId: string, username: string): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.users.update({ realm, id: userId }, { username });
    const after = await admin.users.findOne({ realm, id: userId });
    if (after?.username !== username.toLowerCase()) {
      throw new RenameIgnoredError(`The identity server kept the username "${after?.username ?? "?"}" instead of "${username}" (does realm ${realm} allow editing usernames?)`);
    }
    await admin.users.logout({ realm, id: userId });
  });
}

/**
 * Creates a user with a password and realm roles. Returns null when the username is taken
 * (Keycloak's 409), so callers decide what an existing user means for them.
 */
export async function createUser(
  realm: string,
  spec: IdentityUserSpec,
  password: string | undefined,
  roles: readonly string[],
  options: { temporary?: boolean } = {},
): Promise<IdentityUser | null> {
  let id: string;
  try {
    ({ id } = await withAdmin((admin) =>
      admin.users.create({
        realm,
        username: spec.username,
        email: spec.email,
        firstName: spec.firstName,
        lastName: spec.lastName,
        enabled: spec.enabled ?? true,
        emailVerified: Boolean(spec.email),
        attributes: spec.attributes,
        ...(password === undefined ? {} : { credentials: [{ type: "password", value: password, temporary: options.temporary ?? false }] }),
      }),
    ));
  } catch (error) {
    if (httpStatus(error) === 409) return null;
    throw error;
  }
  await grantRealmRoles(realm, id, roles);
  return { id, username: spec.username.toLowerCase(), enabled: spec.enabled ?? true };
}

// Role ids never change for a role name; looking them up once per realm and minute saves a call per grant.
const roleCache = new LRUCache<string, RoleRepresentation>({ max: 5_000, ttl: 60_000 });

async function realmRole(realm: string, name: string): Promise<RoleRepresentation | undefined> {
  const cacheKey = `${realm}\u0000${name}`;
  const cached = roleCache.get(cacheKey);
  if (cached) return cached;
  const role = await withAdmin((admin) => admin.roles.findOneByName({ realm, name }));
  if (role?.id) roleCache.set(cacheKey, role);
  return role;
}

/** Forgets the cached role ids of a realm: a realm deleted and created again under its name (a purged tenant's key reused) has new ones. */
export function forgetRealmRoles(realm: string): void {
  for (const key of roleCache.keys()) if (key.startsWith(`${realm}\u0000`)) roleCache.delete(key);
}

export async function grantRealmRoles(realm: string, userId: string, roles: readonly string[], retried = false): Promise<void> {
  if (roles.length === 0) return;
  const representations = await Promise.all(roles.map((name) => realmRole(realm, name)));
  const missing = roles.filter((_, i) => !representations[i]?.id);
  if (missing.length) throw new Error(`realm ${realm} lacks roles: ${missing.join(", ")}`);
  try {
    await withAdmin((admin) => admin.users.addRealmRoleMappings({ realm, id: userId, roles: representations.map((r) => ({ id: r!.id!, name: r!.name! })) }));
  } catch (error) {
    // Cached ids of a realm another process deleted and re-created: look them up again, once.
    if (retried || httpStatus(error) !== 404) throw error;
    forgetRealmRoles(realm);
    await grantRealmRoles(realm, userId, roles, true);
  }
}

/** Makes `role` the user's only tenant-wide role (other realm roles, if any, stay). */
export async function setTenantRole(realm: string, userId: string, role: TenantRole): Promise<void> {
  const current = await realmRolesOf(realm, userId);
  const stale = TENANT_ROLES.filter((name) => name !== role && current.includes(name));
  if (stale.length) {
    const representations = await Promise.all(stale.map((name) => realmRole(realm, name)));
    await withAdmin((admin) => admin.users.delRealmRoleMappings({ realm, id: userId, roles: representations.filter((r) => r?.id).map((r) => ({ id: r!.id!, name: r!.name! })) }));
  }
  if (!current.includes(role)) await grantRealmRoles(realm, userId, [role]);
}

export async function realmRolesOf(realm: string, userId: string): Promise<string[]> {
  return (await withAdmin((admin) => admin.users.listRealmRoleMappings({ realm, id: userId }))).map((r) => r.name ?? "").filter(Boolean);
}

/** Sets a password; `temporary` makes the user choose a new one at their next sign-in. */
export async function resetPassword(realm: string, userId: string, password: string, temporary = false): Promise<void> {
  await withAdmin((admin) => admin.users.resetPassword({ realm, id: userId, credential: { type: "password", value: password, temporary } }));
}

export async function updateUserProfile(
  realm: string,
  userId: string,
  profile: { email?: string | null; firstName?: string | null; lastName?: string | null; enabled?: boolean },
): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.users.update(
      { realm, id: userId },
      { email: profile.email ?? "", firstName: profile.firstName ?? "", lastName: profile.lastName ?? "", ...(profile.enabled === undefined ? {} : { enabled: profile.enabled }) },
    );
    if (profile.enabled === false) await admin.users.logout({ realm, id: userId });
  });
}

/** Deletes a user; an already absent one is fine. */
export async function deleteUser(realm: string, userId: string): Promise<void> {
  try {
    await withAdmin((admin) => admin.users.del({ realm, id: userId }));
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}

/**
 * Enables or disables the user. Disabling also ends their sessions: Keycloak keeps a disabled
 * user's sessions (it only refuses them at the next refresh or sign-in), so they are logged out.
 */
export async function setUserEnabled(realm: string, userId: string, enabled: boolean): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.users.update({ realm, id: userId }, { enabled });
    if (!enabled) await admin.users.logout({ realm, id: userId });
  });
}

export async function countUsers(realm: string, search?: string): Promise<number> {
  return withAdmin((admin) => admin.users.count({ realm, ...(search ? { search } : {}) }));
}
