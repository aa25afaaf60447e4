import os from "node:os";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { processSingleton } from "@/lib/db/global-singleton";
import { acquireLease, releaseLease } from "@/lib/db/lease";
import { logger } from "@/lib/log/logger";
import { importLoginEvents } from "@/lib/audit/login-import";
import type { ResolvedTenant } from "@/lib/tenancy/types";

// The periodic login-event import: it brings every active realm's LOGIN / LOGIN_ERROR events into
// its tenant's audit trail, so the trail is complete even for tenants nobody looks at (readers of
// the trail import on their own first, lib/audit/login-import.ts).
//
// One process at a time: each sweep first takes (or renews) the lease "login-import" in the
// control database (lib/db/lease.ts). The holder keeps it from sweep to sweep; if it dies, another
// process takes over once the lease has expired (three sweep intervals, at least a minute).
//
// Cost that follows activity, not the number of realms. Keycloak has no query across realms (an
// event listener inside Keycloak would need a Java extension), so realms are polled one by one —
// but only when due, by a per-realm schedule (table login_import_schedule):
// - a poll that finds new events keeps the realm at the base interval (GATEHOUSE_AUDIT_LOGIN_IMPORT_MS);
// - each poll that finds none doubles it, up to GATEHOUSE_AUDIT_LOGIN_IMPORT_MAX_MS (6 h by
//   default, far inside the identity server's 30-day event retention);
// - a sign-in through Gatehouse (session.started) or a reader's import that found new events
//   makes the realm due at once, with the base interval again (lib/audit/login-activity.ts).
// With N realms of which A are active, a sweep interval polls about A + N·base/max realms
// (1,000 idle realms at the defaults: under 3 polls a minute instead of 1,000); choosing the due
// realms is one indexed query in the control database, not a call to the identity server. An
// idle realm's failed logins (sign-ins that never reach Gatehouse) reach the trail within the
// realm's current interval — and at once whenever someone reads the trail.

export const LOGIN_IMPORT_LEASE = "login-import";
const BATCH = 100;

export interface SweepOptions {
  /** Who sweeps (default: this process). */
  holder?: string;
  /** How long the lease lasts unless renewed (default: three sweep intervals, at least a minute). */
  leaseMs?: number;
  /** The clock the schedule is computed with (tests move it forward). */
  now?: () => Date;
  stopped?: () => boolean;
}

export type SweepResult =
  | { held: false }
  | {
      held: true;
      imported: number;
      /** The keys of the realms polled, in order. */
      polled: string[];
      /** The lease was lost half-way (another process took it over after this one stalled). */
      lostLease: boolean;
    };

/** This process's holder id: host, pid and a random part (a pid can come back after a restart). */
export function processHolder(): string {
  return processSingleton("login-import-holder", () => `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);
}

function defaultLeaseMs(): number {
  return Math.max(3 * env().GATEHOUSE_AUDIT_LOGIN_IMPORT_MS, 60_000);
}

/** After a poll: the base interval while the realm is active, doubled for each empty poll in a row, capped. */
export function pollDelayMs(idlePolls: number, baseMs = env().GATEHOUSE_AUDIT_LOGIN_IMPORT_MS || 60_000, maxMs = env().GATEHOUSE_AUDIT_LOGIN_IMPORT_MAX_MS): number {
  return Math.min(baseMs * 2 ** Math.min(idlePolls, 30), Math.max(maxMs, baseMs));
}

type DueTenant = ResolvedTenant & { idlePolls: number | null };

/**
 * One sweep, if this holder gets the lease: polls each active realm that is due (once per sweep),
 * then schedules its next poll. A realm that fails is logged and rescheduled like an idle one.
 */
export async function runLoginImportSweep(options: SweepOptions = {}): Promise<SweepResult> {
  const holder = options.holder ?? processHolder();
  const leaseMs = options.leaseMs ?? defaultLeaseMs();
  const now = options.now ?? (() => new Date());
  const stopped = options.stopped ?? (() => false);
  if (!(await acquireLease(LOGIN_IMPORT_LEASE, holder, leaseMs))) return { held: false };
  const log = logger().child({ component: "login-import" });
  let renewedAt = Date.now();
  const result = { held: true as const, imported: 0, polled: [] as string[], lostLease: false };
  const dueBy = now();
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const due = await controlDb().$queryRaw<DueTenant[]>`
      SELECT t.id, t.key, t.display_name AS "displayName", t.kind, t.status, t.database_name AS "databaseName",
             t.database_url AS "databaseUrl", s.idle_polls AS "idlePolls"
      FROM tenants t LEFT JOIN login_import_schedule s ON s.tenant_id = t.id
      WHERE t.status = 'active' AND t.id > ${after}::uuid AND (s.next_poll_at IS NULL OR s.next_poll_at <= ${dueBy})
      ORDER BY t.id LIMIT ${BATCH}`;
    for (const { idlePolls, ...tenant } of due) {
      if (stopped()) return result;
      if (Date.now() - renewedAt > leaseMs / 3) {
        if (!(await acquireLease(LOGIN_IMPORT_LEASE, holder, leaseMs))) return { ...result, lostLease: true };
        renewedAt = Date.now();
      }
      const imported = await importLoginEvents(tenant).catch((error: unknown) => {
        log.warn({ err: error, tenant: tenant.key }, "login events not imported");
        return 0;
      });
      result.imported += imported;
      result.polled.push(tenant.key);
      await schedule(tenant.id, imported > 0 ? 0 : (idlePolls ?? 0) + 1, now());
    }
    if (due.length < BATCH) return result;
    after = due.at(-1)!.id;
  }
}

async function schedule(tenantId: string, idlePolls: number, at: Date): Promise<void> {
  const nextPollAt = new Date(at.getTime() + pollDelayMs(idlePolls));
  const lastEventAt = idlePolls === 0 ? at : undefined;
  await controlDb().loginImportSchedule.upsert({
    where: { tenantId },
    create: { tenantId, nextPollAt, idlePolls, lastPolledAt: at, lastEventAt: lastEventAt ?? null },
    update: { nextPollAt, idlePolls, lastPolledAt: at, ...(lastEventAt ? { lastEventAt } : {}) },
  });
}

/** One sweep by this process (if it holds the lease); returns the events imported. */
export async function importAllLoginEvents(stopped: () => boolean = () => false): Promise<number> {
  const result = await runLoginImportSweep({ stopped });
  return result.held ? result.imported : 0;
}

/**
 * Every `GATEHOUSE_AUDIT_LOGIN_IMPORT_MS`, a sweep — carried out only by the process that holds
 * the lease; the others find it held and wait for their next turn. Stopping gives the lease up.
 */
export function startLoginEventImport(): () => void {
  const interval = env().GATEHOUSE_AUDIT_LOGIN_IMPORT_MS;
  if (interval === 0) return () => {};
  const log = logger().child({ component: "login-import" });
  let running = false;
  let stopped = false;
  let held = false;
  const sweep = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const result = await runLoginImportSweep({ stopped: () => stopped });
      if (result.held !== held)
        log.info({ holder: processHolder() }, result.held ? "login-event import lease taken: this process imports" : "login-event import lease held elsewhere");
      held = result.held && !result.lostLease;
    } catch (error) {
      log.error({ err: error }, "login-event sweep failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), interval);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    void releaseLease(LOGIN_IMPORT_LEASE, processHolder()).catch(() => {});
  };
}
