import { LRUCache } from "lru-cache";
import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { processSingleton } from "@/lib/db/global-singleton";
import { listen } from "@/lib/db/notify";
import { logger } from "@/lib/log/logger";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import type { TenantStanding } from "@/lib/access/decide";

/**
 * Each tenant's standing, cached per process beside the host cache and dropped the same way: at
 * once in this process, in the others through the `gatehouse_tenancy` NOTIFY (a lifecycle change
 * drops it too); the host cache's TTL bounds staleness if a notification is lost.
 */
function create(): LRUCache<string, TenantStanding> {
  const cache = new LRUCache<string, TenantStanding>({ max: env().GATEHOUSE_HOST_CACHE_MAX, ttl: env().GATEHOUSE_HOST_CACHE_TTL_MS || 1 });
  listen("gatehouse_tenancy", (tenantId) => cache.delete(tenantId)).catch((error: unknown) =>
    logger().warn({ err: error }, "standing cache runs without cross-process invalidation; entries expire by TTL"),
  );
  return cache;
}

const standingCache = () => processSingleton("standing-cache", create);
const inFlight = () => processSingleton("standing-cache-in-flight", () => new Map<string, Promise<TenantStanding | null>>());

async function load(tenantId: string): Promise<TenantStanding | null> {
  const tenant = await controlDb().tenant.findUnique({
    where: { id: tenantId },
    select: {
      accessDisabledAt: true,
      accessDisabledReason: true,
      breakglassExempt: true,
      customer: { select: { verificationStatus: true, verificationChangedAt: true, paymentStanding: true, paymentStandingChangedAt: true } },
    },
  });
  if (!tenant) return null;
  const { customer } = tenant;
  return {
    verification: customer.verificationStatus,
    verificationChangedAt: customer.verificationChangedAt,
    payment: customer.paymentStanding,
    paymentChangedAt: customer.paymentStandingChangedAt,
    accessDisabled: tenant.accessDisabledAt ? { at: tenant.accessDisabledAt, reason: tenant.accessDisabledReason ?? "" } : null,
    breakglassExempt: tenant.breakglassExempt,
  };
}

/** The tenant's standing (null for an unknown tenant); concurrent misses share one query. */
export async function tenantStanding(tenantId: string): Promise<TenantStanding | null> {
  const cache = standingCache();
  const hit = cache.get(tenantId);
  if (hit) return hit;
  const pending = inFlight();
  let lookup = pending.get(tenantId);
  if (!lookup) {
    const current: Promise<TenantStanding | null> = load(tenantId)
      .then((standing) => {
        // A change committed while this was loading has dropped it from `pending`: do not cache it.
        if (standing && pending.get(tenantId) === current) cache.set(tenantId, standing);
        return standing;
      })
      .finally(() => {
        if (pending.get(tenantId) === current) pending.delete(tenantId);
      });
    lookup = current;
    pending.set(tenantId, lookup);
  }
  return lookup;
}

/** Call after a standing change commits: drops the tenants here at once and everywhere on notify. */
export async function invalidateStanding(tenantIds: readonly string[]): Promise<void> {
  for (const id of tenantIds) {
    standingCache().delete(id);
    inFlight().delete(id);
    await invalidateTenant(id);
  }
}
