import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { fetchLoginEvents, type LoginEvent } from "@/lib/identity/events";
import { auditRow } from "@/lib/audit/record";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { logger } from "@/lib/log/logger";
import { noteLoginActivity } from "@/lib/audit/login-activity";
import { normalizeIp } from "@/shared/net/ip";

const PAGE_SIZE = 500;
/**
 * Each import re-reads this far before the newest event it already has: an event the identity
 * server committed late, with an earlier time, is still found. The external id skips repeats.
 */
const OVERLAP_MS = 5 * 60_000;

export const LOGIN_ACTIONS = { LOGIN: "login.succeeded", LOGIN_ERROR: "login.failed" } as const;

function row(tenant: ResolvedTenant, event: LoginEvent) {
  const username = event.username ?? event.userId ?? "(unknown)";
  return {
    ...auditRow(
      // In the trail's one form: Keycloak reports a dual-stack socket's IPv4 peer as `::ffff:…` or `0:0:0:0:0:ffff:…`.
      { actor: `${tenant.key}/${username}`, ip: normalizeIp(event.ip), userAgent: null },
      {
        action: LOGIN_ACTIONS[event.type],
        resourceType: "user",
        resourceId: username,
        after: { source: "identity-server", error: event.error, clientId: event.clientId, userId: event.userId },
      },
    ),
    occurredAt: new Date(event.time),
    externalId: `idp:${tenant.key}:${event.id}`,
  };
}

/** Where a tenant's imported events go: its own database, or the control plane for the console's realm. */
function sinkFor(tenant: ResolvedTenant) {
  const where = { externalId: { not: null } };
  const latest = { orderBy: { occurredAt: "desc" as const }, select: { occurredAt: true } };
  if (tenant.kind === "root") {
    const db = controlDb();
    return {
      newest: async () => (await db.platformAuditEvent.findFirst({ where, ...latest }))?.occurredAt ?? null,
      insert: async (events: LoginEvent[]) =>
        (await db.platformAuditEvent.createMany({ data: events.map((e) => ({ ...row(tenant, e), tenantId: tenant.id })), skipDuplicates: true })).count,
    };
  }
  const db = tenantDb(tenant);
  return {
    newest: async () => (await db.auditEvent.findFirst({ where, ...latest }))?.occurredAt ?? null,
    insert: async (events: LoginEvent[]) => (await db.auditEvent.createMany({ data: events.map((e) => row(tenant, e)), skipDuplicates: true })).count,
  };
}

/**
 * Brings the realm's new LOGIN / LOGIN_ERROR events into the tenant's audit trail (the console's
 * realm into the platform's). Idempotent — each event carries the identity server's id and is
 * written once, however often or concurrently this runs. Returns how many events were new.
 */
export async function importLoginEvents(tenant: ResolvedTenant): Promise<number> {
  const sink = sinkFor(tenant);
  const newest = await sink.newest();
  const sinceMs = newest ? newest.getTime() - OVERLAP_MS : undefined;
  let imported = 0;
  for (let first = 0; ; first += PAGE_SIZE) {
    const events = await fetchLoginEvents(tenant.key, { sinceMs, first, max: PAGE_SIZE });
    if (events.length > 0) imported += await sink.insert(events);
    if (events.length < PAGE_SIZE) return imported;
  }
}

/**
 * Imports before a read of the trail (viewer, CSV, API), so the newest logins are in it. When the
 * identity server cannot be reached the read goes on with what is stored; false says so.
 */
export async function refreshLoginEvents(tenant: ResolvedTenant): Promise<boolean> {
  try {
    // New events mean an active realm: the periodic import polls it at the base interval again.
    if ((await importLoginEvents(tenant)) > 0) await noteLoginActivity(tenant.id);
    return true;
  } catch (error) {
    logger().warn({ err: error, tenant: tenant.key }, "login events could not be imported from the identity server");
    return false;
  }
}
