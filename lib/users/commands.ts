import { tenantDb } from "@/lib/db/tenant-clients";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { enforceQuota } from "@/lib/quotas/enforce";
import { createUser, deleteUser, findUserByUsername, grantRealmRoles, resetPassword, updateUserProfile } from "@/lib/identity/users";
import { generatePassword } from "@/lib/secrets/keys";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { CreateUserInput, UpdateUserInput } from "@/lib/users/schema";

type UserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof tenantDb>["user"]["findUnique"]>>>;

export interface UserCommandResult {
  username: string;
  provisioningState: string;
  /** A generated password, shown once to the admin; the user must replace it at first sign-in. */
  oneTimePassword?: string;
}

function syncMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

async function requireUser(tenant: ResolvedTenant, username: string): Promise<UserRow> {
  const user = await tenantDb(tenant).user.findUnique({ where: { username } });
  if (!user) throw new AppError("not_found", "User not found.");
  return user;
}

async function markSync(tenant: ResolvedTenant, username: string, outcome: { identityId?: string } | { error: unknown }): Promise<string> {
  const failed = "error" in outcome;
  await tenantDb(tenant).user.update({
    where: { username },
    data: failed ? { provisioningState: "failed", syncError: syncMessage(outcome.error) } : { provisioningState: "synced", syncError: null, ...(outcome.identityId ? { identityId: outcome.identityId } : {}) },
  });
  return failed ? "failed" : "synced";
}

/**
 * Creates a user in the tenant's database (state `pending`), then in its identity realm. The
 * database row comes first so a failed identity call leaves a visible, retryable `failed` user —
 * never a realm user the tenant does not know about.
 */
export async function createTenantUser(tenant: ResolvedTenant, input: CreateUserInput, by: AuditActor): Promise<UserCommandResult> {
  const db = tenantDb(tenant);
  try {
    await db.$transaction(async (tx) => {
      await enforceQuota(tx, tenant, "users");
      const user = await tx.user.create({ data: { username: input.username, email: input.email ?? null, firstName: input.firstName ?? null, lastName: input.lastName ?? null, provisioningState: "pending" } });
      await recordTenantEvent(tx, by, { action: "user.created", resourceType: "user", resourceId: user.username, after: { ...user, tenantRole: input.tenantRole } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "That username is taken.", { username: "A user with this username already exists." });
    throw error;
  }
  const generated = input.passwordMode === "generate" ? generatePassword() : undefined;
  const password = input.passwordMode === "none" ? undefined : (input.password ?? generated);
  const state = await pushToIdentity(tenant, input.username, { password, temporary: Boolean(generated), roles: [input.tenantRole] });
  return { username: input.username, provisioningState: state, ...(generated && state === "synced" ? { oneTimePassword: generated } : {}) };
}

/** Creates or updates the user in the realm from the database row; records the outcome on the row. */
async function pushToIdentity(tenant: ResolvedTenant, username: string, credentials?: { password: string | undefined; temporary: boolean; roles: string[] }): Promise<string> {
  const user = await requireUser(tenant, username);
  try {
    const profile = { email: user.email ?? undefined, firstName: user.firstName ?? undefined, lastName: user.lastName ?? undefined, enabled: user.enabled };
    // A user never synced is created straight away; only a taken username (409) means it exists already.
    let identity = user.identityId
      ? await findUserByUsername(tenant.key, username)
      : await createUser(tenant.key, { username, ...profile }, credentials ? credentials.password : generatePassword(), credentials?.roles ?? ["member"], { temporary: credentials?.temporary ?? true });
    if (identity && !user.identityId) return await markSync(tenant, username, { identityId: identity.id });
    identity ??= await findUserByUsername(tenant.key, username);
    if (!identity) {
      identity = await createUser(tenant.key, { username, ...profile }, credentials ? credentials.password : generatePassword(), credentials?.roles ?? ["member"], { temporary: credentials?.temporary ?? true });
      if (!identity) throw new Error("the identity server refused the user and cannot find it either");
    } else {
      await updateUserProfile(tenant.key, identity.id, profile);
      if (credentials) {
        if (credentials.password !== undefined) await resetPassword(tenant.key, identity.id, credentials.password, credentials.temporary);
        await grantRealmRoles(tenant.key, identity.id, credentials.roles);
      }
    }
    return await markSync(tenant, username, { identityId: identity.id });
  } catch (error) {
    return markSync(tenant, username, { error });
  }
}

/** Pushes a user whose sync failed to the realm again; a missing realm user gets a new one-time password. */
export async function retryUserSync(tenant: ResolvedTenant, username: string, by: AuditActor): Promise<UserCommandResult> {
  const user = await requireUser(tenant, username);
  const generated = user.identityId ? undefined : generatePassword();
  const state = await pushToIdentity(tenant, username, generated ? { password: generated, temporary: true, roles: ["member"] } : undefined);
  await tenantDb(tenant).$transaction((tx) => recordTenantEvent(tx, by, { action: "user.sync_retried", resourceType: "user", resourceId: username, after: { provisioningState: state } }));
  return { username, provisioningState: state, ...(generated && state === "synced" ? { oneTimePassword: generated } : {}) };
}

export async function updateTenantUser(tenant: ResolvedTenant, username: string, input: UpdateUserInput, by: AuditActor): Promise<UserCommandResult> {
  await tenantDb(tenant).$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { username } });
    if (!before) throw new AppError("not_found", "User not found.");
    const after = await tx.user.update({ where: { username }, data: { email: input.email ?? null, firstName: input.firstName ?? null, lastName: input.lastName ?? null, provisioningState: "pending" } });
    await recordTenantEvent(tx, by, { action: "user.updated", resourceType: "user", resourceId: username, before, after });
  });
  return { username, provisioningState: await pushToIdentity(tenant, username) };
}

/**
 * Enables or disables a user. The database decides at once — the app refuses a disabled user's
 * next request — and the realm follows, ending their sessions and refresh tokens there.
 */
export async function setTenantUserEnabled(tenant: ResolvedTenant, username: string, enabled: boolean, by: AuditActor): Promise<UserCommandResult> {
  await tenantDb(tenant).$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { username } });
    if (!before) throw new AppError("not_found", "User not found.");
    await tx.user.update({ where: { username }, data: { enabled, provisioningState: "pending" } });
    await recordTenantEvent(tx, by, { action: enabled ? "user.enabled" : "user.disabled", resourceType: "user", resourceId: username, before: { enabled: before.enabled }, after: { enabled } });
  });
  return { username, provisioningState: await pushToIdentity(tenant, username) };
}

/** Sets a password the admin typed, or generates a one-time one the user must replace. */
export async function resetTenantUserPassword(tenant: ResolvedTenant, username: string, password: string | undefined, by: AuditActor): Promise<UserCommandResult> {
  const user = await requireUser(tenant, username);
  if (!user.identityId) throw new AppError("conflict", "This user is not in the identity realm yet. Retry the sync first.");
  const value = password ?? generatePassword();
  try {
    await resetPassword(tenant.key, user.identityId, value, !password);
  } catch (error) {
    throw new AppError("conflict", `The identity server refused the new password: ${syncMessage(error)}`);
  }
  await tenantDb(tenant).$transaction((tx) => recordTenantEvent(tx, by, { action: "user.password_reset", resourceType: "user", resourceId: username, after: { temporary: !password } }));
  return { username, provisioningState: user.provisioningState, ...(password ? {} : { oneTimePassword: value }) };
}

/** Deletes a user from the realm, then from the tenant. The break-glass admin can only be disabled. */
export async function deleteTenantUser(tenant: ResolvedTenant, username: string, by: AuditActor): Promise<void> {
  const user = await requireUser(tenant, username);
  if (user.isBreakGlass) throw new AppError("forbidden", "The break-glass admin cannot be deleted. Disable it instead.");
  if (user.identityId) await deleteUser(tenant.key, user.identityId);
  await tenantDb(tenant).$transaction(async (tx) => {
    await tx.user.delete({ where: { username } });
    await recordTenantEvent(tx, by, { action: "user.deleted", resourceType: "user", resourceId: username, before: user });
  });
}
