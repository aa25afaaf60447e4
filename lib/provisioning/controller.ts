import pg from "pg";
import type { Logger } from "pino";
import { env } from "@/lib/config/env";
import { appDatabaseUrl, appRole } from "@/lib/db/app-role";
import { controlDb } from "@/lib/db/control";
import type { Prisma } from "@/lib/db/generated/control/client";
import { listen, notify } from "@/lib/db/notify";
import { logger } from "@/lib/log/logger";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { CONTROLLER_ACTOR } from "@/lib/audit/actor";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import { isPurgeStep, PROVISIONING_STEPS, PURGE_POSITION_BASE, PURGE_STEPS, stepDefinition, TENANT_PASSES, type ProvisioningTenant } from "@/lib/provisioning/steps";
import { latestMigration } from "@/lib/db/migrate";

// Advisory-lock namespace for "this process is reconciling tenant X" (first key of the two-int form).
const LOCK_NAMESPACE = 0x6761_7465; // "gate"
const BATCH = 20;

function backoffMs(attempts: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 2_000);
}

/**
 * Reconciles tenants whose provisioning steps are not all done. Any number of app processes may
 * run one: a tenant is worked on only while a session-level advisory lock on it is held, and that
 * lock dies with its connection, so a crashed process's tenant is picked up again at once by the
 * next tick anywhere. A step found `running` without the lock was interrupted and is run again.
 */
export class ProvisioningController {
  private readonly pool: pg.Pool;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unlisten: (() => void) | null = null;

  constructor() {
    this.pool = new pg.Pool({ connectionString: appDatabaseUrl(), max: 4 });
    this.log = logger().child({ component: "provisioning" });
    // An idle connection dropped by PostgreSQL (restart, admin command) must not crash the process.
    this.pool.on("error", (error) => this.log.warn({ err: error }, "controller database connection lost"));
  }

  async start(): Promise<void> {
    await this.ensureStepRows();
    this.unlisten = await listen("gatehouse_provisioning", () => this.wake());
    this.timer = setInterval(() => this.wake(), env().GATEHOUSE_CONTROLLER_POLL_MS);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unlisten?.();
    await this.ticking;
    await this.pool.end();
  }

  /** Runs a tick now, or right after the current one. */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((error: unknown) => this.log.error({ err: error }, "provisioning tick failed"))
      .finally(() => {
        this.ticking = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Adds rows for steps introduced by an upgrade, so existing tenants run them too. */
  private async ensureStepRows(): Promise<void> {
    for (const [position, step] of PROVISIONING_STEPS.entries()) {
      await controlDb().$executeRaw`
        INSERT INTO provisioning_steps (tenant_id, step, position)
        SELECT id, ${step.name}, ${position} FROM tenants WHERE status <> 'deleted'
        ON CONFLICT (tenant_id, step) DO UPDATE SET position = EXCLUDED.position
        WHERE provisioning_steps.position IS DISTINCT FROM EXCLUDED.position`;
    }
    // After an upgrade that ships new tenant migrations, or when the app's database role changed
    // (its grants are given in that step), migrate the whole fleet again.
    const latest = await latestMigration("tenant");
    const role = appRole();
    await controlDb().$executeRaw`
      UPDATE provisioning_steps SET status = 'pending', updated_at = now()
      WHERE step = 'database.migrate' AND status = 'done'
        AND tenant_id IN (SELECT id FROM tenants WHERE status <> 'deleted'
          AND (schema_version IS DISTINCT FROM ${latest} OR (${role}::text IS NOT NULL AND app_role IS DISTINCT FROM ${role}::text)))`;
  }

  /**
   * Queues the purge steps of deleted tenants whose retention has run out. The tenant rows are
   * locked and re-checked, so a restore that commits first wins and no purge is queued for it; a
   * restore that comes after sees the queued steps and is refused.
   */
  async queueDuePurges(): Promise<void> {
    for (const [offset, step] of PURGE_STEPS.entries()) {
      await controlDb().$executeRaw`
        INSERT INTO provisioning_steps (tenant_id, step, position)
        SELECT due.id, ${step.name}, ${PURGE_POSITION_BASE + offset}
        FROM (SELECT id FROM tenants WHERE status = 'deleted' AND purged_at IS NULL AND purge_after <= now() FOR UPDATE) AS due
        ON CONFLICT (tenant_id, step) DO NOTHING`;
    }
  }

  private async tick(): Promise<void> {
    await this.queueDuePurges();
    // Only steps this version knows: during a rolling upgrade, a newer process's steps wait for it
    // instead of filling every batch here. Oldest changes first, so no tenant starves.
    const known = [...PROVISIONING_STEPS, ...PURGE_STEPS].map((s) => s.name);
    const due = await controlDb().$queryRaw<{ tenant_id: string }[]>`
      SELECT tenant_id FROM provisioning_steps
      WHERE step = ANY(${known}) AND (status IN ('pending', 'running') OR (status = 'failed' AND next_attempt_at <= now()))
      GROUP BY tenant_id ORDER BY min(updated_at)
      LIMIT ${BATCH}`;
    for (const { tenant_id } of due) {
      if (this.stopped) return;
      await this.reconcile(tenant_id);
    }
  }

  /** Works through one tenant's steps in order while holding its lock; returns false if another process holds it. */
  async reconcile(tenantId: string): Promise<boolean> {
    const session = await this.pool.connect();
    try {
      const { rows } = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [LOCK_NAMESPACE, tenantId]);
      if (!rows[0]?.locked) return false;
      try {
        await this.runSteps(tenantId);
      } finally {
        await session.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_NAMESPACE, tenantId]);
      }
      return true;
    } finally {
      session.release();
    }
  }

  private async runSteps(tenantId: string): Promise<void> {
    const db = controlDb();
    const tenant = await db.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true, steps: { orderBy: { position: "asc" } } },
    });
    if (!tenant) return;
    const log = this.log.child({ tenant: tenant.key });
    const target: ProvisioningTenant = tenant;

    // A deleted tenant only runs its purge (once queued); any other tenant never does.
    const steps = tenant.steps.filter((row) => isPurgeStep(row.step) === (tenant.status === "deleted"));
    for (const row of steps) {
      if (row.status === "done") continue;
      if (row.status === "failed" && !(row.nextAttemptAt && row.nextAttemptAt <= new Date())) return;
      const definition = stepDefinition(row.step);
      if (!definition) {
        log.warn({ step: row.step }, "unknown provisioning step; skipping tenant");
        return;
      }
      const attempts = row.attempts + 1;
      await transition(tenantId, row.step, { status: "running", attempts, startedAt: new Date(), doneAt: null, nextAttemptAt: null }, { attempts });
      try {
        await definition.run({ tenant: target, log: log.child({ step: row.step }) });
      } catch (error) {
        const lastError = errorMessage(error);
        const retry = attempts < env().GATEHOUSE_PROVISIONING_MAX_AUTO_ATTEMPTS;
        log.warn({ step: row.step, attempts, err: error }, "provisioning step failed");
        const nextAttemptAt = retry ? new Date(Date.now() + backoffMs(attempts)) : null;
        await transition(tenantId, row.step, { status: "failed", lastError, nextAttemptAt }, { attempts, error: lastError, nextAttemptAt });
        return;
      }
      await transition(tenantId, row.step, { status: "done", doneAt: new Date(), lastError: null }, { attempts });
      log.info({ step: row.step, attempts }, "provisioning step done");
    }

    if (tenant.status === "provisioning") await this.activate(tenantId);
    for (const pass of TENANT_PASSES) {
      if (pass.kind !== tenant.kind) continue;
      await pass.run({ tenant: target, log: log.child({ pass: pass.name }) }).catch((error: unknown) => log.warn({ pass: pass.name, err: error }, "tenant pass failed"));
    }
  }

  private async activate(tenantId: string): Promise<void> {
    await controlDb().$transaction(async (tx) => {
      const updated = await tx.tenant.updateMany({ where: { id: tenantId, status: "provisioning" }, data: { status: "active", activatedAt: new Date() } });
      if (updated.count === 0) return;
      await recordPlatformEvent(tx, CONTROLLER_ACTOR, {
        action: "tenant.activated",
        resourceType: "tenant",
        resourceId: tenantId,
        tenantId,
        before: { status: "provisioning" },
        after: { status: "active" },
      });
    });
    await invalidateTenant(tenantId);
  }
}

type StepChange = Omit<Prisma.ProvisioningStepUpdateInput, "status"> & { status: "running" | "failed" | "done" };

const STEP_ACTIONS = { running: "provisioning.step_started", failed: "provisioning.step_failed", done: "provisioning.step_done" } as const;

/** Moves a step to its next state and records the transition in the platform audit trail, together. */
async function transition(tenantId: string, step: string, change: StepChange, details: Record<string, unknown>): Promise<void> {
  await controlDb().$transaction(async (tx) => {
    await tx.provisioningStep.update({ where: { tenantId_step: { tenantId, step } }, data: change });
    await recordPlatformEvent(tx, CONTROLLER_ACTOR, {
      action: STEP_ACTIONS[change.status],
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      after: { step, status: change.status, ...details },
    });
  });
}

/** Asks the controllers of every process to look for work now. */
export async function wakeControllers(): Promise<void> {
  await notify("gatehouse_provisioning", "");
}
