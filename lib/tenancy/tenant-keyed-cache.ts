import { SingleFlightCache } from "@/lib/cache/single-flight";
import { env } from "@/lib/config/env";
import { processSingleton } from "@/lib/db/global-singleton";
import { onTenantInvalidated } from "@/lib/tenancy/tenant-cache";

/** A per-process cache of something each tenant has (its standing, its branding), keyed by tenant id. */
export interface TenantKeyedCache<T extends object> {
  /** The cached value, or `load()`'s; concurrent misses share one load, and `null` is not cached. */
  get(tenantId: string, load: () => Promise<T | null>): Promise<T | null>;
}

function create<T extends object>(): TenantKeyedCache<T> {
  // Bounded and expiring like the host cache; the TTL bounds staleness if a notification is lost.
  const cache = new SingleFlightCache<T | null>({ max: env().GATEHOUSE_HOST_CACHE_MAX, ttl: env().GATEHOUSE_HOST_CACHE_TTL_MS });
  onTenantInvalidated((tenantId) => cache.drop((key) => key === tenantId));
  return { get: (tenantId, load) => cache.get(tenantId, load) };
}

/**
 * The process's cache called `name`. Entries are dropped with the host cache's: `invalidateTenant`
 * (lib/tenancy/tenant-cache.ts) drops a tenant here at once and in every other app process through
 * the `gatehouse_tenancy` NOTIFY.
 */
export function tenantKeyedCache<T extends object>(name: string): TenantKeyedCache<T> {
  return processSingleton(`tenant-keyed-cache:${name}`, () => create<T>());
}
