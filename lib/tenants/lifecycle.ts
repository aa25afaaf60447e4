import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import type { Prisma } from "@/lib/db/generated/control/client";
import { withRealmWrites } from "@/lib/db/session-lock";
import type { TenantKind, TenantStatus } from "@/lib/db/generated/control/enums";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { setRealmEnabled } from "@/lib/identity/realms";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import { PURGE_STEP_NAMES } from "@/lib/provisioning/steps";

// The tenant lifecycle: provisioning → active ⇄ suspended → archived → deleted, with restore.
// `provisioning → active` belongs to the provisioning controller; everything else is a
// superadmin's decision with a reason, made here and nowhere else.

export const LIFECYCLE_ACTIONS = ["suspend", "resume", "archive", "delete", "restore"] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

interface Transition {
  from: readonly TenantStatus[];
  /** The status after the change; `restore` of a deleted tenant returns to the status it was deleted from. */
  to: TenantStatus | "before-deletion";
  /** Past tense, for the audit action (`tenant.<verb>`) and messages. */
  done: string;
}

const TRANSITIONS: Record<LifecycleAction, Transition> = {
  suspend: { from: ["active"], to: "suspended", done: "suspended" },
  resume: { from: ["suspended"], to: "active", done: "resumed" },
  archive: { from: ["suspended"], to: "archived", done: "archived" },
  // A tenant is taken out of service (suspended or archived) before it can be deleted.
  delete: { from: ["suspended", "archived"], to: "deleted", done: "deleted" },
  restore: { from: ["archived", "deleted"], to: "before-deletion", done: "restored" },
};

/** The actions allowed from `status` for a tenant of `kind` (none for the root and cloud tenants). */
export function allowedActions(kind: TenantKind, status: TenantStatus, purgeStarted = false): LifecycleAction[] {
  if (kind !== "dedicated") return [];
  return LIFECYCLE_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status) && !(status === "deleted" && purgeStarted));
}

export function targetStatus(action: LifecycleAction, current: TenantStatus, beforeDeletion: TenantStatus | null): TenantStatus {
  const to = TRANSITIONS[action].to;
  if (to !== "before-deletion") return to;
  return current === "deleted" ? (beforeDeletion ?? "archived") : "active";
}

export const lifecycleChangeSchema = z.object({
  action: z.enum(LIFECYCLE_ACTIONS, { message: "Choose what to do with the tenant." }),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters); it goes into the audit trail.").max(500, "Keep the reason under 500 characters."),
});
export type LifecycleChange = z.infer<typeof lifecycleChangeSchema>;

/** The console's form: the change, plus the tenant key typed again so nobody changes the wrong tenant. */
export function lifecycleConfirmationSchema(key: string) {
  return lifecycleChangeSchema.extend({
    confirmKey: z
      .string()
      .trim()
      .refine((typed) => typed === key, `Type the tenant key “${key}” to confirm.`),
  });
}

/** Retention of a deleted tenant before purge, from `GATEHOUSE_DELETION_RETENTION_DAYS`. */
export function retentionMs(): number {
  return env().GATEHOUSE_DELETION_RETENTION_DAYS * 24 * 60 * 60 * 1000;
}

export interface LifecycleResult {
  id: string;
  key: string;
  status: TenantStatus;
  purgeAfter: Date | null;
}

/** The realm is on unless the tenant is deleted: suspension and archiving are enforced by the app. */
const realmEnabledFor = (status: TenantStatus) => status !== "deleted";

type TenantRow = Awaited<ReturnType<ReturnType<typeof controlDb>["tenant"]["findUniqueOrThrow"]>>;

/**
 * Applies a lifecycle action to a tenant. Changes of one tenant run one at a time under its
 * realm-write lock (a session advisory lock, held by a connection that runs no transaction), and
 * no transaction is open while the identity server works:
 * - a change that leaves the realm as it is (suspend, resume, archive, restore of an archived
 *   tenant) checks the transition and writes the status and its audit event in one transaction;
 * - delete (realm off) and restore of a deleted tenant (realm on) first record the attempt on the
 *   tenant row (`realm_switch_attempt`, after checking the transition), then switch the realm,
 *   then write the status and audit event in a second transaction that commits only for that
 *   attempt and an unchanged status (compare-and-set). An identity failure changes nothing (the
 *   realm is switched back if it may have moved). A process that died in between leaves its
 *   attempt behind: the next change of the tenant first puts the realm back in line with the
 *   committed status.
 * Afterwards the tenant is dropped from every process's host cache.
 */
export async function changeTenantLifecycle(tenantId: string, input: LifecycleChange, by: AuditActor): Promise<LifecycleResult> {
  const change = parseOrThrow(lifecycleChangeSchema, input);
  const result = await withRealmWrites(tenantId, () => lockedLifecycleChange(tenantId, change, by));
  await invalidateTenant(tenantId);
  return result;
}

async function lockedLifecycleChange(tenantId: string, { action, reason }: LifecycleChange, by: AuditActor): Promise<LifecycleResult> {
  const db = controlDb();
  const checked = await db.$transaction(async (tx) => {
    const tenant = await checkedTransition(tx, tenantId, action);
    const to = targetStatus(action, tenant.status, tenant.statusBeforeDeletion);
    // A left-behind attempt means the realm may not match the committed status: switch it too.
    const switchRealm = realmEnabledFor(to) !== realmEnabledFor(tenant.status) || tenant.realmSwitchAttempt !== null;
    if (!switchRealm) return { done: true as const, applied: await applyTransition(tx, tenant, action, to, reason, by) };
    const attempt = randomUUID();
    await tx.tenant.update({ where: { id: tenantId }, data: { realmSwitchAttempt: attempt, realmSwitchStartedAt: new Date() } });
    return { done: false as const, tenant, to, attempt };
  });
  if (checked.done) return checked.applied;

  const { tenant, to, attempt } = checked;
  const ours = { id: tenantId, realmSwitchAttempt: attempt };
  try {
    await realmSwitch(tenant.key, realmEnabledFor(to));
  } catch (error) {
    // A timeout may have switched it anyway: put it back as the committed status has it.
    await setRealmEnabled(tenant.key, realmEnabledFor(tenant.status))
      .then(() => db.tenant.updateMany({ where: ours, data: { realmSwitchAttempt: null, realmSwitchStartedAt: null } }))
      .catch(() => {}); // the attempt stays recorded; the next change repairs the realm
    throw error;
  }

  const applied = await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<
      { status: TenantStatus; realm_switch_attempt: string | null }[]
    >`SELECT status, realm_switch_attempt FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
    if (current?.realm_switch_attempt !== attempt || current.status !== tenant.status) return null;
    await tx.tenant.update({ where: { id: tenantId }, data: { realmSwitchAttempt: null, realmSwitchStartedAt: null } });
    return applyTransition(tx, tenant, action, to, reason, by);
  });
  if (applied) return applied;
  // Overtaken (the lock's connection was lost and another change ran): the realm follows what is committed now.
  const now = await db.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
  if (now) await realmSwitch(tenant.key, realmEnabledFor(now.status)).catch(() => {});
  throw new AppError("conflict", "The tenant was changed by someone else meanwhile; nothing was changed. Reload and try again.");
}

/** The tenant, locked, if `action` is allowed for it now; otherwise why not. */
async function checkedTransition(tx: Prisma.TransactionClient, tenantId: string, action: LifecycleAction): Promise<TenantRow> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  if (!locked) throw new AppError("not_found", "Tenant not found.");
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  if (tenant.kind !== "dedicated") {
    throw new AppError("conflict", `The ${tenant.kind === "root" ? "root (console)" : "shared cloud"} tenant cannot be ${TRANSITIONS[action].done}: the platform depends on it.`);
  }
  const purgeStarted = tenant.status === "deleted" && (await tx.provisioningStep.count({ where: { tenantId, step: { in: [...PURGE_STEP_NAMES] } } })) > 0;
  if (!allowedActions(tenant.kind, tenant.status, purgeStarted).includes(action)) {
    throw new AppError("conflict", refusal(action, tenant.status, purgeStarted));
  }
  return tenant;
}

/** Writes the new status and its audit event (in the caller's transaction). */
async function applyTransition(
  tx: Prisma.TransactionClient,
  tenant: TenantRow,
  action: LifecycleAction,
  to: TenantStatus,
  reason: string,
  by: AuditActor,
): Promise<LifecycleResult> {
  const now = new Date();
  const deletion =
    to === "deleted"
      ? { deletedAt: now, statusBeforeDeletion: tenant.status, purgeAfter: new Date(now.getTime() + retentionMs()) }
      : tenant.status === "deleted"
        ? { deletedAt: null, statusBeforeDeletion: null, purgeAfter: null }
        : {};
  const updated = await tx.tenant.update({
    where: { id: tenant.id },
    data: { status: to, statusReason: reason, statusChangedAt: now, ...deletion },
    select: { id: true, key: true, status: true, purgeAfter: true },
  });
  await recordPlatformEvent(tx, by, {
    action: `tenant.${TRANSITIONS[action].done}`,
    resourceType: "tenant",
    resourceId: tenant.id,
    tenantId: tenant.id,
    before: { status: tenant.status, ...(tenant.status === "deleted" ? { purgeAfter: tenant.purgeAfter } : {}) },
    after: { status: to, reason, ...(to === "deleted" ? { purgeAfter: updated.purgeAfter } : {}) },
  });
  return updated;
}

async function realmSwitch(realm: string, enabled: boolean): Promise<void> {
  try {
    await setRealmEnabled(realm, enabled);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError("conflict", `The identity server did not ${enabled ? "enable" : "disable"} the realm (${detail}); nothing was changed. Try again.`);
  }
}

function refusal(action: LifecycleAction, status: TenantStatus, purgeStarted: boolean): string {
  if (purgeStarted) return "The retention period is over and the purge has started: this tenant can no longer be restored.";
  const from = TRANSITIONS[action].from.join(" or ");
  return `A ${status} tenant cannot be ${TRANSITIONS[action].done}; only a ${from} one can.`;
}
