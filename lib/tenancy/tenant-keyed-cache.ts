import { LRUCache } from "lru-cache";
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
  const cache = new LRUCache<string, T>({ max: env().GATEHOUSE_HOST_CACHE_MAX, ttl: env().GATEHOUSE_HOST_CACHE_TTL_MS || 1 });
  const pending = new Map<string, Promise<T | null>>();
  onTenantInvalidated((tenantId) => {
    cache.delete(tenantId);
    // A load still running may have read the old state: it must not be cached.
    pending.delete(tenantId);
  });
  return {
    async get(tenantId, load) {
      const hit = cache.get(tenantId);
      if (hit) return hit;
      let lookup = pending.get(tenantId);
      if (!lookup) {
        const current: Promise<T | null> = load()
          .then((value) => {
            if (value && pending.get(tenantId) === current) cache.set(tenantId, value);
            return value;
          })
          .finally(() => {
            if (pending.get(tenantId) === current) pending.delete(tenantId);
          });
        lookup = current;
        pending.set(tenantId, lookup);
      }
      return lookup;
    },
  };
}

/**
 * The process's cache called `name`. Entries are dropped with the host cache's: `invalidateTenant`
 * (lib/tenancy/tenant-cache.ts) drops a tenant here at once and in every other app process through
 * the `gatehouse_tenancy` NOTIFY.
 */
export function tenantKeyedCache<T extends object>(name: string): TenantKeyedCache<T> {
  return processSingleton(`tenant-keyed-cache:${name}`, () => create<T>());
}
