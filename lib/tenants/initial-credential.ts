import { controlDb } from "@/lib/db/control";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { generatePassword, unseal } from "@/lib/secrets/keys";
import { findUserByUsername, resetPassword } from "@/lib/identity/users";

export interface InitialCredentialState {
  username: string;
  revealed: boolean;
  revealedAt: Date | null;
}

export async function initialCredentialState(tenantId: string): Promise<InitialCredentialState | null> {
  const row = await controlDb().tenantInitialCredential.findUnique({ where: { tenantId } });
  return row ? { username: row.username, revealed: row.revealedAt !== null, revealedAt: row.revealedAt } : null;
}

/**
 * Returns the break-glass admin's initial password and destroys its sealed copy in the same
 * transaction, so it can be shown exactly once. Only after the user exists in the realm.
 */
export async function revealInitialPassword(tenantId: string, by: AuditActor): Promise<{ username: string; password: string }> {
  return controlDb().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ username: string; sealed_password: string | null }[]>`
      SELECT username, sealed_password FROM tenant_initial_credentials WHERE tenant_id = ${tenantId}::uuid FOR UPDATE`;
    if (!row) throw new AppError("not_found", "This tenant has no initial admin password.");
    if (!row.sealed_password) throw new AppError("conflict", "The initial password was already shown once. Reset the admin's password instead.");
    const step = await tx.provisioningStep.findUnique({ where: { tenantId_step: { tenantId, step: "admin.ensure" } } });
    if (step?.status !== "done") throw new AppError("conflict", "The admin account is not created yet. Wait for provisioning to finish.");
    const password = unseal(row.sealed_password, tenantId);
    await tx.tenantInitialCredential.update({ where: { tenantId }, data: { sealedPassword: null, revealedAt: new Date() } });
    await recordPlatformEvent(tx, by, { action: "tenant.initial_password_revealed", resourceType: "tenant", resourceId: tenantId, tenantId, after: { username: row.username } });
    return { username: row.username, password };
  });
}

/**
 * Issues the break-glass admin a new one-time password (it must choose its own at the next sign-in)
 * and returns it to be shown once: for an initial password lost before it was used. Only while the
 * tenant is active; nothing of it is stored.
 */
export async function issueNewInitialPassword(tenantId: string, by: AuditActor): Promise<{ username: string; password: string }> {
  const db = controlDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { key: true, status: true, initialCredential: { select: { username: true } } } });
  if (!tenant?.initialCredential) throw new AppError("not_found", "This tenant has no break-glass admin.");
  if (tenant.status !== "active") throw new AppError("conflict", `The tenant is ${tenant.status}: a new password is issued only while it is active.`);
  const { username } = tenant.initialCredential;
  const user = await findUserByUsername(tenant.key, username);
  if (!user) throw new AppError("conflict", "The break-glass admin is missing from the identity server. Retry provisioning first.");
  const password = generatePassword();
  await resetPassword(tenant.key, user.id, password, true);
  await db.$transaction(async (tx) => {
    await tx.tenantInitialCredential.update({ where: { tenantId }, data: { sealedPassword: null, revealedAt: new Date() } });
    await recordPlatformEvent(tx, by, { action: "tenant.breakglass_password_reset", resourceType: "tenant", resourceId: tenantId, tenantId, after: { username, temporary: true } });
  });
  return { username, password };
}
