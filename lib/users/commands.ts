import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { isUniqueViolation, violatedTarget } from "@/lib/db/errors";
import { withSessionLock } from "@/lib/db/session-lock";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent, recordTenantEvents, type TenantEvent } from "@/lib/audit/tenant-events";
import { enforceQuota } from "@/lib/quotas/enforce";
import {
  createUser,
  deleteUser,
  findUserById,
  findUserByUsername,
  realmRolesOf,
  renameUser,
  resetPassword,
  setTenantRole,
  updateUserProfile,
  type IdentityUser,
} from "@/lib/identity/users";
import { TENANT_ROLES, type TenantRole } from "@/lib/identity/roles";
import { generatePassword } from "@/lib/secrets/keys";
import { issueSetPasswordLink, type IssuedLink } from "@/lib/set-password-links/service";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { REALM_ROLE_PERMISSIONS, requireGrant, requireMayActOn, type Principal } from "@/lib/permissions/permissions";
import { endUserSessions } from "@/lib/sessions/service";
import { z } from "zod";
import { parseOrThrow } from "@/lib/errors/zod";
import { tenantRoleSchema, updateUserSchema, usernameSchema, type CreateUserInput, type UpdateUserInput } from "@/lib/users/schema";

// Every command takes the principal it acts for and applies the grant rule (lib/permissions):
// creating a user needs every permission of the role it is given; changing, disabling, enabling,
// renaming, deleting, re-syncing or resetting a user needs every permission of the role they have.
//
// Every command that writes a user runs under that user's write lock (`withUserLock`), from the
// first read it decides on to the identity push after its transaction: concurrent writes to one
// user — REST, SCIM, the console — run one after the other across app processes, each on what
// the previous one committed and pushed. So an update cannot re-create the realm user a delete
// just removed, two partial updates do not overwrite each other, and the loser of a race is
// answered `not_found` (the user, or that name, is gone) instead of failing half-way.

/** A SCIM client's id for the user in its own directory (only SCIM sets it; absent = unchanged). */
interface ExternalId {
  externalId?: string | null;
}

/** Sessions still naming a retired username are refused from their next request (lib/permissions/principal.ts). */
async function retireUsername(tx: Pick<Prisma.TransactionClient, "retiredUsername">, username: string, reason: "renamed" | "deleted"): Promise<void> {
  await tx.retiredUsername.upsert({ where: { username }, create: { username, reason }, update: { reason, retiredAt: new Date() } });
}

const usernameTaken = () => new AppError("conflict", "That username is taken.", { username: "A user with this username already exists." });
const emailTaken = () => new AppError("conflict", "That email address is taken.", { email: "Another user of this workspace already has this email address." });

/** A unique violation as the conflict it is: on the email index (users_email_lower_key), else the username. */
function takenConflict(error: unknown): AppError {
  return /email/.test(violatedTarget(error)) ? emailTaken() : usernameTaken();
}

/**
 * What the unique indexes would refuse, refused first with the field at fault: a username another
 * user holds, an email another user has — compared case-insensitively, as the realm does and as
 * the index on lower(email) does. `self`: the id of the user being changed (their own values are
 * not someone else's). A creation racing past this meets the index, answered the same way.
 */
async function requireUnique(tx: Prisma.TransactionClient, values: { username?: string; email?: string | null }, self: string | null = null): Promise<void> {
  if (values.username !== undefined) {
    const holder = await tx.user.findUnique({ where: { username: values.username }, select: { id: true } });
    if (holder && holder.id !== self) throw usernameTaken();
  }
  if (values.email) {
    const [holder] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE lower(email) = lower(${values.email}) AND id IS DISTINCT FROM ${self}::uuid LIMIT 1`;
    if (holder) throw emailTaken();
  }
}

type UserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof tenantDb>["user"]["findUnique"]>>>;

/** A user as stored, as a command reads it under the user's lock. */
export type StoredUser = UserRow;

/** Which user a command acts on: by username (REST, the console) or by id (SCIM, which addresses users by id). */
export type UserRef = string | { id: string };

export interface UserCommandResult {
  username: string;
  provisioningState: string;
  /** A generated password, shown once to the admin; the user must replace it at first sign-in. */
  oneTimePassword?: string;
  /** A set-password link for the user: mailed to them, or shown once to the admin to pass on. */
  setPasswordLink?: IssuedLink;
}

function syncMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

const userNotFound = () => new AppError("not_found", "User not found.");

async function findUser(tenant: ResolvedTenant, ref: UserRef): Promise<UserRow | null> {
  return tenantDb(tenant).user.findUnique({ where: typeof ref === "string" ? { username: ref } : { id: ref.id } });
}

async function requireUser(tenant: ResolvedTenant, ref: UserRef): Promise<UserRow> {
  const user = await findUser(tenant, ref);
  if (!user) throw userNotFound();
  return user;
}

/**
 * Runs `work` holding the write lock of the user with this id: a session advisory lock
 * (lib/db/session-lock.ts) on a connection of its own, held across the identity server's calls
 * with no transaction open meanwhile. Keyed by the id, which a rename keeps.
 */
function withUserLock<T>(tenant: ResolvedTenant, userId: string, work: () => Promise<T>): Promise<T> {
  return withSessionLock("userWrites", `${tenant.id}/${userId}`, work, { busy: "Another change to this user is still under way; try again in a moment." });
}

/**
 * One write to the user `ref` names, under the user's lock, on the row as it is once the lock is
 * held: a user deleted while the write waited — or, named by username, renamed — is `not_found`.
 */
async function withUserWrite<T>(tenant: ResolvedTenant, ref: UserRef, work: (user: UserRow) => Promise<T>): Promise<T> {
  const seen = await requireUser(tenant, ref);
  return withUserLock(tenant, seen.id, async () => {
    const user = await findUser(tenant, { id: seen.id });
    if (!user || (typeof ref === "string" && user.username !== ref)) throw userNotFound();
    return work(user);
  });
}

/**
 * The act-on rule (lib/permissions): `principal` may `action` ("disable", "delete", …) this user
 * only if it could grant the user's role. Checked before anything is written or sent. It stays in
 * the service, not the edge's declaration: it depends on the user's role as stored, read here.
 */
async function authorizeActOn(tenant: ResolvedTenant, principal: Principal, user: UserRow, action: string): Promise<TenantRole | null> {
  const role = await tenantRoleOf(tenant, user);
  requireMayActOn(principal, role, action);
  return role;
}

/**
 * Inside the change's transaction: locks the user's row and refuses if its role is no longer the
 * one the act-on rule was checked against (a promotion racing the check does not slip through).
 */
async function lockCheckedUser(tx: Prisma.TransactionClient, username: string, checked: UserRow): Promise<void> {
  const [row] = await tx.$queryRaw<{ tenant_role: string | null }[]>`SELECT tenant_role FROM users WHERE username = ${username} FOR UPDATE`;
  if (!row) throw userNotFound();
  if (row.tenant_role !== checked.tenantRole) throw new AppError("conflict", "This user's role changed meanwhile. Reload and try again.");
}

async function markSync(tenant: ResolvedTenant, userId: string, outcome: { identityId?: string } | { error: unknown }): Promise<string> {
  const failed = "error" in outcome;
  await tenantDb(tenant).user.update({
    where: { id: userId },
    data: failed
      ? { provisioningState: "failed", syncError: syncMessage(outcome.error) }
      : { provisioningState: "synced", syncError: null, ...(outcome.identityId ? { identityId: outcome.identityId } : {}) },
  });
  return failed ? "failed" : "synced";
}

/**
 * Creates a user in the tenant's database (state `pending`), then in its identity realm. The
 * database row comes first so a failed identity call leaves a visible, retryable `failed` user —
 * never a realm user the tenant does not know about. The caller must hold every permission of
 * the role it gives the new user (the grant rule, lib/permissions). `enabled: false` (SCIM's
 * `active`) creates the user disabled, in the same write.
 */
export async function createTenantUser(
  tenant: ResolvedTenant,
  input: CreateUserInput & ExternalId & { enabled?: boolean },
  principal: Principal,
  by: AuditActor,
): Promise<UserCommandResult> {
  requireGrant(principal, { kind: "tenantRole", role: input.tenantRole }, "create a user with it", "tenantRole");
  // The new user's id is chosen here so that its lock is held from the insert to the push: a
  // delete or change arriving meanwhile waits for the realm user to exist.
  const id = randomUUID();
  return withUserLock(tenant, id, () => createLockedUser(tenant, id, input, by));
}

async function createLockedUser(tenant: ResolvedTenant, id: string, input: CreateUserInput & ExternalId & { enabled?: boolean }, by: AuditActor): Promise<UserCommandResult> {
  try {
    await tenantDb(tenant).$transaction(async (tx) => {
      await enforceQuota(tx, tenant, "users");
      await requireUnique(tx, { username: input.username, email: input.email });
      const user = await tx.user.create({
        data: {
          id,
          username: input.username,
          email: input.email ?? null,
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          tenantRole: input.tenantRole,
          externalId: input.externalId ?? null,
          enabled: input.enabled ?? true,
          provisioningState: "pending",
        },
      });
      await recordTenantEvent(tx, by, { action: "user.created", resourceType: "user", resourceId: user.username, after: user });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw takenConflict(error);
    throw error;
  }
  const generated = input.passwordMode === "generate" ? generatePassword() : undefined;
  const password = input.passwordMode === "none" || input.passwordMode === "link" ? undefined : (input.password ?? generated);
  const state = await pushToIdentity(tenant, id, { password, temporary: Boolean(generated) });
  const synced = state === "synced";
  // Without a realm user there is nothing to set a password on: the admin issues the link after a retry.
  const setPasswordLink = input.passwordMode === "link" && synced ? await issueSetPasswordLink(tenant, input.username, by) : undefined;
  return { username: input.username, provisioningState: state, ...(generated && synced ? { oneTimePassword: generated } : {}), ...(setPasswordLink ? { setPasswordLink } : {}) };
}

/**
 * The realm user of a row that was synced before: by its id, renamed to the row's username if a
 * rename has not reached the realm yet (that also ends their sessions); by username if the id is gone.
 */
async function syncedRealmUser(realm: string, identityId: string, username: string): Promise<IdentityUser | null> {
  const byId = await findUserById(realm, identityId);
  if (!byId) return findUserByUsername(realm, username);
  if (byId.username !== username) await renameUser(realm, byId.id, username);
  return byId;
}

/**
 * Creates or updates the user in the realm from the database row (profile, enabled, tenant role);
 * records the outcome on the row.
 */
async function pushToIdentity(tenant: ResolvedTenant, userId: string, credentials?: { password: string | undefined; temporary: boolean }): Promise<string> {
  const user = await requireUser(tenant, { id: userId });
  const { username } = user;
  const roles = [user.tenantRole ?? "member"];
  try {
    const profile = { email: user.email ?? undefined, firstName: user.firstName ?? undefined, lastName: user.lastName ?? undefined, enabled: user.enabled };
    const create = () =>
      createUser(tenant.key, { username, ...profile }, credentials ? credentials.password : generatePassword(), roles, { temporary: credentials?.temporary ?? true });
    // A user never synced is created straight away; only a taken username (409) means it exists already.
    let identity = user.identityId ? await syncedRealmUser(tenant.key, user.identityId, username) : await create();
    if (identity && !user.identityId) return await markSync(tenant, userId, { identityId: identity.id });
    identity ??= await findUserByUsername(tenant.key, username);
    if (!identity) {
      identity = await create();
      if (!identity) throw new Error("the identity server refused the user and cannot find it either");
    } else {
      await updateUserProfile(tenant.key, identity.id, profile);
      if (credentials?.password !== undefined) await resetPassword(tenant.key, identity.id, credentials.password, credentials.temporary);
      // Users from before roles were kept here (tenantRole null) keep whatever the realm gives them.
      if (user.tenantRole) await setTenantRole(tenant.key, identity.id, user.tenantRole as TenantRole);
    }
    return await markSync(tenant, userId, { identityId: identity.id });
  } catch (error) {
    return markSync(tenant, userId, { error });
  }
}

/** Pushes a user whose sync failed to the realm again; a missing realm user gets a new one-time password. */
export function retryUserSync(tenant: ResolvedTenant, username: string, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  return withUserWrite(tenant, username, async (user) => {
    await authorizeActOn(tenant, principal, user, "re-sync");
    const generated = user.identityId ? undefined : generatePassword();
    const state = await pushToIdentity(tenant, user.id, generated ? { password: generated, temporary: true } : undefined);
    await tenantDb(tenant).$transaction((tx) =>
      recordTenantEvent(tx, by, { action: "user.sync_retried", resourceType: "user", resourceId: username, after: { provisioningState: state } }),
    );
    return { username, provisioningState: state, ...(generated && state === "synced" ? { oneTimePassword: generated } : {}) };
  });
}

/** What one change of a user may touch; what is left out stays as it is. */
export interface UserChanges {
  /** A new username (the same rules as at creation). */
  username?: string;
  /** The whole profile as it is to be (a partial change is merged with the stored one by the caller). */
  profile?: UpdateUserInput;
  /** A SCIM client's id for the user (only SCIM sets it). */
  externalId?: string | null;
  tenantRole?: TenantRole;
  enabled?: boolean;
}

const userChangesSchema = updateUserSchema.extend({
  username: usernameSchema.optional(),
  tenantRole: tenantRoleSchema.optional(),
  enabled: z.boolean().optional(),
  externalId: z.string().nullable().optional(),
});

/**
 * Changes a user — rename, tenant-wide role, profile (and SCIM's externalId), enabled — all of it
 * or nothing:
 * 1. the whole request is validated (every field at fault at once), then authorized: the
 *    break-glass admin keeps its name and the tenant-admin role; a new role needs every
 *    permission of the new and the old role; anything else needs the user's role (the act-on
 *    rule, lib/permissions), by what was asked, changed or not;
 * 2. the database part is one transaction: the row locked (and refused if its role changed since
 *    the check), a taken username or email refused as a `conflict` on that field, the row
 *    updated (`pending`), the old name retired, one audit event per kind of change;
 * 3. then — outside any transaction, as identity calls always are — the realm follows in one push
 *    (a rename there ends the user's sessions); a failed push leaves the user `failed` and
 *    retryable like any other change.
 * A request that changes nothing writes nothing. All of it runs under the user's lock (see the
 * top of this file); `changes` may be a function of the user as stored once the lock is held, for
 * changes made relative to it (a partial profile merged with the stored one, a SCIM PATCH), so a
 * concurrent change is built upon, not overwritten.
 *
 * Renaming: memberships and organization memberships follow through their foreign keys (ON
 * UPDATE CASCADE), set-password links hang on the user's id, and the old name is kept in
 * `retired_usernames` so sessions still carrying it are refused. Enabling or disabling: the
 * database decides at once (the app refuses a disabled user's next request), the realm follows.
 */
export function changeTenantUser(
  tenant: ResolvedTenant,
  user: UserRef,
  changes: UserChanges | ((current: StoredUser) => UserChanges),
  principal: Principal,
  by: AuditActor,
): Promise<UserCommandResult> {
  return withUserWrite(tenant, user, (current) => changeLockedUser(tenant, current, typeof changes === "function" ? changes(current) : changes, principal, by));
}

async function changeLockedUser(tenant: ResolvedTenant, current: UserRow, changes: UserChanges, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  const asked = parseOrThrow(userChangesSchema, {
    ...changes.profile,
    username: changes.username,
    tenantRole: changes.tenantRole,
    enabled: changes.enabled,
    externalId: changes.externalId,
  });
  const newName = asked.username !== undefined && asked.username !== current.username ? asked.username : undefined;
  const profile = changes.profile ? { email: asked.email ?? null, firstName: asked.firstName ?? null, lastName: asked.lastName ?? null } : undefined;
  const role = asked.tenantRole;

  if (current.isBreakGlass && newName) throw new AppError("forbidden", "The break-glass admin cannot be renamed.", { username: "The break-glass admin keeps its username." });
  if (current.isBreakGlass && role !== undefined && role !== "tenant-admin") {
    throw new AppError("forbidden", "The break-glass admin keeps the tenant-admin role.", { tenantRole: "The break-glass admin is always a tenant admin." });
  }
  const from = await tenantRoleOf(tenant, current);
  if (role !== undefined) {
    for (const involved of [role, from]) if (involved) requireGrant(principal, { kind: "tenantRole", role: involved }, "give or take it", "tenantRole");
  }
  const actions = [newName && "rename", (profile || changes.externalId !== undefined) && "edit", asked.enabled !== undefined && (asked.enabled ? "enable" : "disable")].filter(
    (a): a is string => Boolean(a),
  );
  if (actions.length) requireMayActOn(principal, from, actions.join(" and "));

  const profileChanges = profile !== undefined && (profile.email !== current.email || profile.firstName !== current.firstName || profile.lastName !== current.lastName);
  const externalIdChanges = changes.externalId !== undefined && changes.externalId !== current.externalId;
  const roleChanges = role !== undefined && !(from === role && current.tenantRole === role);
  const enabled = asked.enabled !== undefined && asked.enabled !== current.enabled ? asked.enabled : undefined;
  if (!newName && !profileChanges && !externalIdChanges && !roleChanges && enabled === undefined)
    return { username: current.username, provisioningState: current.provisioningState };

  const finalName = newName ?? current.username;
  try {
    await tenantDb(tenant).$transaction(async (tx) => {
      await lockCheckedUser(tx, current.username, current);
      const before = await tx.user.findUniqueOrThrow({ where: { username: current.username } });
      await requireUnique(tx, { ...(newName ? { username: newName } : {}), ...(profileChanges ? { email: profile.email } : {}) }, current.id);
      const after = await tx.user.update({
        where: { username: current.username },
        data: {
          ...(newName ? { username: newName } : {}),
          ...(roleChanges ? { tenantRole: role } : {}),
          ...(profileChanges ? profile : {}),
          ...(externalIdChanges ? { externalId: changes.externalId } : {}),
          ...(enabled !== undefined ? { enabled } : {}),
          provisioningState: "pending",
        },
      });
      if (newName) await retireUsername(tx, current.username, "renamed");
      const event = (action: string, was: unknown, is: unknown): TenantEvent => ({ action, resourceType: "user", resourceId: finalName, before: was, after: is });
      await recordTenantEvents(tx, by, [
        ...(newName ? [event("user.renamed", { username: current.username }, { username: newName })] : []),
        ...(roleChanges ? [event("user.role_changed", { tenantRole: from }, { tenantRole: role })] : []),
        ...(profileChanges || externalIdChanges ? [event("user.updated", before, after)] : []),
        ...(enabled !== undefined ? [event(enabled ? "user.enabled" : "user.disabled", { enabled: before.enabled }, { enabled })] : []),
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw takenConflict(error);
    throw error;
  }
  // App sessions a change makes stale end with it (lib/sessions): the old name's, a disabled
  // user's, and those of a role that lost a permission.
  const lostPermission = roleChanges && from !== null && REALM_ROLE_PERMISSIONS[from].some((permission) => !REALM_ROLE_PERMISSIONS[role!].includes(permission));
  const ending = newName ? "user_renamed" : enabled === false ? "user_disabled" : lostPermission ? "role_changed" : null;
  if (ending) await endUserSessions(tenant, current.username, ending);
  return { username: finalName, provisioningState: await pushToIdentity(tenant, current.id) };
}

/** Replaces the user's profile (and SCIM's externalId); see `changeTenantUser`. */
export function updateTenantUser(tenant: ResolvedTenant, username: string, input: UpdateUserInput & ExternalId, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  const { externalId, ...profile } = input;
  return changeTenantUser(tenant, username, { profile, ...(externalId !== undefined ? { externalId } : {}) }, principal, by);
}

/**
 * Renames a user, here first, then in the realm (which ends their sessions there: they sign in
 * again with the new name). The break-glass admin keeps its name: the platform knows it by that
 * name. See `changeTenantUser`.
 */
export function renameTenantUser(tenant: ResolvedTenant, username: string, newUsername: string, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  return changeTenantUser(tenant, username, { username: newUsername }, principal, by);
}

/**
 * The user's tenant-wide role: as kept here, or for users from before roles were kept here, as the
 * realm has it (null when the realm does not know the user either).
 */
export async function tenantRoleOf(tenant: ResolvedTenant, user: { tenantRole: string | null; identityId: string | null }): Promise<TenantRole | null> {
  if (user.tenantRole) return user.tenantRole as TenantRole;
  if (!user.identityId) return null;
  const realmRoles = await realmRolesOf(tenant.key, user.identityId);
  return TENANT_ROLES.find((role) => realmRoles.includes(role)) ?? null;
}

/**
 * Changes the user's tenant-wide role: here first, then in the realm (a failed sync shows and is
 * retried like any other). The caller needs every permission of both the old and the new role,
 * so nobody hands out (or takes away) more than they hold. The break-glass admin stays tenant-admin.
 */
export function changeTenantUserRole(tenant: ResolvedTenant, username: string, role: TenantRole, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  return changeTenantUser(tenant, username, { tenantRole: role }, principal, by);
}

/**
 * Enables or disables a user. The database decides at once — the app refuses a disabled user's
 * next request — and the realm follows, ending their sessions and refresh tokens there.
 */
export function setTenantUserEnabled(tenant: ResolvedTenant, username: string, enabled: boolean, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  return changeTenantUser(tenant, username, { enabled }, principal, by);
}

/** Sets a password the admin typed, or generates a one-time one the user must replace. */
export function resetTenantUserPassword(tenant: ResolvedTenant, username: string, password: string | undefined, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  return withUserWrite(tenant, username, (user) => resetLockedPassword(tenant, user, password, principal, by));
}

async function resetLockedPassword(tenant: ResolvedTenant, user: UserRow, password: string | undefined, principal: Principal, by: AuditActor): Promise<UserCommandResult> {
  const { username } = user;
  await authorizeActOn(tenant, principal, user, "reset the password of");
  if (!user.identityId) throw new AppError("conflict", "This user is not in the identity realm yet. Retry the sync first.");
  const value = password ?? generatePassword();
  try {
    await resetPassword(tenant.key, user.identityId, value, !password);
  } catch (error) {
    throw new AppError("conflict", `The identity server refused the new password: ${syncMessage(error)}`);
  }
  await tenantDb(tenant).$transaction((tx) =>
    recordTenantEvent(tx, by, { action: "user.password_reset", resourceType: "user", resourceId: username, after: { temporary: !password } }),
  );
  await endUserSessions(tenant, username, "password_changed");
  return { username, provisioningState: user.provisioningState, ...(password ? {} : { oneTimePassword: value }) };
}

/**
 * Deletes a user from the realm, then from the tenant, under the user's lock: of two deletes (or
 * a delete and a rename) one wins and the other is `not_found`. A failure after the realm's
 * delete leaves the row, and the delete can simply be sent again. The break-glass admin can only
 * be disabled.
 */
export function deleteTenantUser(tenant: ResolvedTenant, user: UserRef, principal: Principal, by: AuditActor): Promise<void> {
  return withUserWrite(tenant, user, async (current) => {
    const { username } = current;
    if (current.isBreakGlass) throw new AppError("forbidden", "The break-glass admin cannot be deleted. Disable it instead.");
    await authorizeActOn(tenant, principal, current, "delete");
    if (current.identityId) await deleteUser(tenant.key, current.identityId);
    await tenantDb(tenant).$transaction(async (tx) => {
      await tx.user.delete({ where: { id: current.id } });
      await retireUsername(tx, username, "deleted");
      await recordTenantEvent(tx, by, { action: "user.deleted", resourceType: "user", resourceId: username, before: current });
    });
    await endUserSessions(tenant, username, "user_deleted");
  });
}

/** Issues a set-password link for the user (lib/set-password-links), if `principal` may act on them. */
export function issueTenantUserSetPasswordLink(tenant: ResolvedTenant, username: string, principal: Principal, by: AuditActor): Promise<IssuedLink> {
  return withUserWrite(tenant, username, async (user) => {
    await authorizeActOn(tenant, principal, user, "send a set-password link to");
    return issueSetPasswordLink(tenant, username, by);
  });
}
