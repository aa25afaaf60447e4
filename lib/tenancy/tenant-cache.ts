import { SingleFlightCache } from "@/lib/cache/single-flight";
import { env } from "@/lib/config/env";
import { processSingleton } from "@/lib/db/global-singleton";
import { listen, notify } from "@/lib/db/notify";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** A lookup that found nothing is kept briefly. */
const NEGATIVE_TTL_MS = 5_000;

type Drop = (tenantId: string) => void;

/** Per-tenant caches kept beside the host cache (lib/tenancy/tenant-keyed-cache.ts), dropped with it. */
const dependents = () => processSingleton("host-cache-dependents", () => new Set<Drop>());

type HostCache = SingleFlightCache<ResolvedTenant | null>;

function create(): HostCache {
  const cache: HostCache = new SingleFlightCache({
    max: env().GATEHOUSE_HOST_CACHE_MAX,
    ttl: env().GATEHOUSE_HOST_CACHE_TTL_MS,
    keep: () => true,
    ttlOf: (tenant) => (tenant ? undefined : NEGATIVE_TTL_MS),
  });
  // Other app processes announce tenant and domain changes; drop what they changed.
  listen("gatehouse_tenancy", (payload) => dropLocal(cache, payload)).catch((error: unknown) =>
    logger().warn({ err: error }, "tenancy cache runs without cross-process invalidation; entries expire by TTL"),
  );
  return cache;
}

function dropLocal(cache: HostCache, tenantId: string): void {
  // Negative entries may be answered by the change (a new domain, a new tenant): drop them too.
  // Lookups in flight are voided whichever tenant they will find.
  cache.drop((_key, tenant) => tenant === null || tenant.id === tenantId);
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

/** A cached lookup; concurrent misses of one key share a single query. */
export function cachedLookup(cacheKey: string, load: () => Promise<ResolvedTenant | null>): Promise<ResolvedTenant | null> {
  return hostCache().get(cacheKey, load);
}

/**
 * Call after changing a tenant, its domains, standing or branding: this process forgets it at once
 * (host cache and every per-tenant cache), the others on notify.
 */
export async function invalidateTenant(tenantId: string): Promise<void> {
  dropLocal(hostCache(), tenantId);
  await notify("gatehouse_tenancy", tenantId);
}
