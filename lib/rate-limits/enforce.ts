import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { logger } from "@/lib/log/logger";
import { consume, type Consumed } from "@/lib/rate-limits/limiter";
import { defaultPolicies, tenantPolicies, type RatePolicy } from "@/lib/rate-limits/policies";
import { recordRateLimitTrip } from "@/lib/rate-limits/audit";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** A refused request: 429 with `Retry-After` and the RateLimit headers of the limit it hit. */
export class RateLimitedError extends AppError {
  constructor(readonly consumed: Consumed) {
    super(
      "rate_limited",
      `Too many requests: at most ${consumed.policy.points} per ${consumed.policy.windowSeconds} s (${consumed.policy.name} limit). Try again in ${consumed.resetSeconds} s.`,
    );
    this.name = "RateLimitedError";
  }

  get headers(): Record<string, string> {
    return { "retry-after": String(this.consumed.resetSeconds), ...rateLimitHeaders(this.consumed) };
  }
}

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy
 * (`q` requests per `w` seconds) and what is left of it (`r` requests, reset in `t` seconds).
 */
export function rateLimitHeaders(consumed: Consumed): Record<string, string> {
  const { name, points, windowSeconds } = consumed.policy;
  return { "ratelimit-policy": `"${name}";q=${points};w=${windowSeconds}`, ratelimit: `"${name}";r=${consumed.remaining};t=${consumed.resetSeconds}` };
}

export interface LimitCheck {
  policy: RatePolicy;
  key: string;
}

/**
 * Counts the request against every check (all of them, so each counter sees every request) and
 * refuses it if any is exhausted. Returns the tightest check, for the response's headers. The
 * first refusal of a window is logged and audited (in `tenant`'s trail when there is one).
 */
export async function enforceLimits(checks: readonly LimitCheck[], context: { tenant?: ResolvedTenant; actor: AuditActor }): Promise<Consumed | null> {
  const active = checks.filter((c) => c.policy.points > 0);
  if (active.length === 0) return null;
  const results = await Promise.all(active.map((c) => consume(c.policy, c.key)));
  const refused = results.find((r) => !r.allowed);
  if (refused) {
    if (refused.firstRefusal) {
      logger().warn({ tenant: context.tenant?.key, policy: refused.policy.name, ip: context.actor.ip, actor: context.actor.actor }, "rate limit reached");
      await recordRateLimitTrip(context.tenant, context.actor, refused).catch((error) => logger().error({ err: error }, "rate limit trip not audited"));
    }
    throw new RateLimitedError(refused);
  }
  return results.reduce((tightest, r) => (r.remaining / r.policy.points < tightest.remaining / tightest.policy.points ? r : tightest));
}

/** Every API request, before its credentials are looked at: one client address's share. */
export function addressCheck(ip: string | null): LimitCheck[] {
  return ip ? [{ policy: defaultPolicies().address, key: ip }] : [];
}

/** An authenticated API request: the caller's share and the tenant's. */
export async function callerChecks(tenant: ResolvedTenant, caller: string): Promise<LimitCheck[]> {
  const policies = await tenantPolicies(tenant.id);
  return [
    { policy: policies.caller, key: `${tenant.id}:${caller}` },
    { policy: policies.tenant, key: tenant.id },
  ];
}

/** Set-password and invitation forms: one client address's submissions, per tenant. */
export function linkCheck(tenant: ResolvedTenant, ip: string | null): LimitCheck[] {
  return ip ? [{ policy: defaultPolicies().links, key: `${tenant.id}:${ip}` }] : [];
}
