import { LRUCache } from "lru-cache";
import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";

/** One limit: at most `points` requests in `windowSeconds`, counted per key. */
export interface RatePolicy {
  /** Stable name, part of every counter's key and of the `RateLimit-Policy` header. */
  name: string;
  points: number;
  windowSeconds: number;
}

export type PolicyName = "address" | "caller" | "tenant" | "links";

/** The platform's limits from configuration (GATEHOUSE_RATE_LIMIT_*); 0 turns one off. */
export function defaultPolicies(): Record<PolicyName, RatePolicy> {
  const e = env();
  return {
    address: { name: "address", points: e.GATEHOUSE_RATE_LIMIT_PER_ADDRESS, windowSeconds: 60 },
    caller: { name: "caller", points: e.GATEHOUSE_RATE_LIMIT_PER_CALLER, windowSeconds: 60 },
    tenant: { name: "tenant", points: e.GATEHOUSE_RATE_LIMIT_PER_TENANT, windowSeconds: 60 },
    links: { name: "links", points: e.GATEHOUSE_RATE_LIMIT_LINKS_PER_ADDRESS, windowSeconds: 600 },
  };
}

export interface TenantRateOverrides {
  requestsPerMinute: number | null;
  requestsPerMinutePerCaller: number | null;
}

// Read on every API request; an operator's change counts within half a minute in every process.
const overrides = new LRUCache<string, TenantRateOverrides>({ max: 10_000, ttl: 30_000 });

export async function tenantRateOverrides(tenantId: string): Promise<TenantRateOverrides> {
  const cached = overrides.get(tenantId);
  if (cached) return cached;
  const row = await controlDb().tenantRateLimits.findUnique({ where: { tenantId }, select: { requestsPerMinute: true, requestsPerMinutePerCaller: true } });
  const value = row ?? { requestsPerMinute: null, requestsPerMinutePerCaller: null };
  overrides.set(tenantId, value);
  return value;
}

export function forgetTenantRateOverrides(tenantId: string): void {
  overrides.delete(tenantId);
}

/** The per-caller and per-tenant limits in force for a tenant: its own, else the platform's. */
export async function tenantPolicies(tenantId: string): Promise<{ caller: RatePolicy; tenant: RatePolicy }> {
  const defaults = defaultPolicies();
  const own = await tenantRateOverrides(tenantId);
  return {
    caller: { ...defaults.caller, points: own.requestsPerMinutePerCaller ?? defaults.caller.points },
    tenant: { ...defaults.tenant, points: own.requestsPerMinute ?? defaults.tenant.points },
  };
}
