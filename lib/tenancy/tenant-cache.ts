import { LRUCache } from "lru-cache";
import { env } from "@/lib/config/env";
import { processSingleton } from "@/lib/db/global-singleton";
import { listen, notify } from "@/lib/db/notify";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** Cache entries: a tenant, or `null` for a lookup that found nothing (kept briefly). */
type Entry = { tenant: ResolvedTenant | null };

const NEGATIVE_TTL_MS = 5_000;

type Drop = (tenantId: string) => void;

/** Per-tenant caches kept beside the host cache (lib/tenancy/tenant-keyed-cache.ts), dropped with it. */
const dependents = () => processSingleton("host-cache-dependents", () => new Set<Drop>());

function create(): LRUCache<string, Entry> {
  const cache = new LRUCache<string, Entry>({ max: env().GATEHOUSE_HOST_CACHE_MAX, ttl: env().GATEHOUSE_HOST_CACHE_TTL_MS || 1 });
  // Other app processes announce tenant and domain changes; drop what they changed.
  listen("gatehouse_tenancy", (payload) => dropLocal(cache, payload)).catch((error: unknown) =>
    logger().warn({ err: error }, "tenancy cache runs without cross-process invalidation; entries expire by TTL"),
  );
  return cache;
}

function dropLocal(cache: LRUCache<string, Entry>, tenantId: string): void {
  for (const [key, entry] of cache.entries()) {
    // Negative entries may be answered by the change (a new domain, a new tenant): drop them too.
    if (entry.tenant === null || entry.tenant.id === tenantId) cache.delete(key);
  }
  for (const drop of dependents()) drop(tenantId);
}

export const hostCache = () => processSingleton("host-cache", create);

/**
 * Has `drop` called whenever a tenant is invalidated, in this process or (through the NOTIFY) in
 * another one. For caches of what a tenant has, so one announcement keeps them all in step.
 */
export function onTenantInvalidated(drop: Drop): void {
  hostCache(); // makes sure this process listens
  dependents().add(drop);
}

const inFlight = () => processSingleton("host-cache-in-flight", () => new Map<string, Promise<ResolvedTenant | null>>());

/** A cached lookup; concurrent misses of one key share a single query. */
export async function cachedLookup(cacheKey: string, load: () => Promise<ResolvedTenant | null>): Promise<ResolvedTenant | null> {
  const cache = hostCache();
  const hit = cache.get(cacheKey);
  if (hit) return hit.tenant;
  const pending = inFlight();
  let lookup = pending.get(cacheKey);
  if (!lookup) {
    lookup = load()
      .then((tenant) => {
        cache.set(cacheKey, { tenant }, tenant ? undefined : { ttl: NEGATIVE_TTL_MS });
        return tenant;
      })
      .finally(() => pending.delete(cacheKey));
    pending.set(cacheKey, lookup);
  }
  return lookup;
}

/**
 * Call after changing a tenant, its domains, standing or branding: this process forgets it at once
 * (host cache and every per-tenant cache), the others on notify.
 */
export async function invalidateTenant(tenantId: string): Promise<void> {
  dropLocal(hostCache(), tenantId);
  await notify("gatehouse_tenancy", tenantId);
}
