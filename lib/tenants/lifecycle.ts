import { z } from "zod";
import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
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
    confirmKey: z.string().trim().refine((typed) => typed === key, `Type the tenant key “${key}” to confirm.`),
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

/**
 * Applies a lifecycle action to a tenant: checks the transition under a row lock, writes the new
 * status and the audit event in one transaction, disables (delete) or re-enables (restore of a
 * deleted tenant) its realm before committing — an identity failure changes nothing — and then
 * drops the tenant from every process's host cache.
 */
export async function changeTenantLifecycle(tenantId: string, input: LifecycleChange, by: AuditActor): Promise<LifecycleResult> {
  const { action, reason } = parseOrThrow(lifecycleChangeSchema, input);
  const result = await controlDb().$transaction(
    async (tx) => {
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
      const to = targetStatus(action, tenant.status, tenant.statusBeforeDeletion);
      const now = new Date();
      const deletion =
        to === "deleted"
          ? { deletedAt: now, statusBeforeDeletion: tenant.status, purgeAfter: new Date(now.getTime() + retentionMs()) }
          : tenant.status === "deleted"
            ? { deletedAt: null, statusBeforeDeletion: null, purgeAfter: null }
            : {};
      const updated = await tx.tenant.update({
        where: { id: tenantId },
        data: { status: to, statusReason: reason, statusChangedAt: now, ...deletion },
        select: { id: true, key: true, status: true, purgeAfter: true },
      });
      await recordPlatformEvent(tx, by, {
        action: `tenant.${TRANSITIONS[action].done}`,
        resourceType: "tenant",
        resourceId: tenantId,
        tenantId,
        before: { status: tenant.status, ...(tenant.status === "deleted" ? { purgeAfter: tenant.purgeAfter } : {}) },
        after: { status: to, reason, ...(to === "deleted" ? { purgeAfter: updated.purgeAfter } : {}) },
      });
      if (to === "deleted") await realmSwitch(tenant.key, false);
      if (tenant.status === "deleted") await realmSwitch(tenant.key, true);
      return updated;
    },
    { timeout: 30_000 },
  );
  await invalidateTenant(tenantId);
  return result;
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
