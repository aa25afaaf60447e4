import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { appDatabaseUrl } from "@/lib/db/app-role";
import { processSingleton } from "@/lib/db/global-singleton";
import type { RatePolicy } from "@/lib/rate-limits/policies";
import { logger } from "@/lib/log/logger";

/** Counters in the control plane's `rate_limits` table, so a limit holds across every app process. */
function pool(): pg.Pool {
  return processSingleton("rate-limit-pool", () => {
    const created = new pg.Pool({ connectionString: appDatabaseUrl(), max: 4, idleTimeoutMillis: 30_000 });
    // An idle connection the server dropped (a restart): the pool replaces it; no crash.
    created.on("error", (error) => logger().warn({ err: error }, "rate-limit pool connection lost"));
    return created;
  });
}

/** Closes the counters' connections (tests and benches, before their cluster stops). */
export async function closeRateLimitPool(): Promise<void> {
  const key = Symbol.for("gatehouse.rate-limit-pool");
  const existing = (globalThis as Record<symbol, pg.Pool | undefined>)[key];
  delete (globalThis as Record<symbol, unknown>)[key];
  limiters.clear();
  await existing?.end();
}

const limiters = new Map<string, RateLimiterPostgres>();

/**
 * The limiter of one policy (rate-limiter-flexible's, one atomic upsert per request). Should the
 * database not answer, a per-process memory limiter with the same limit decides meanwhile.
 */
function limiterOf(policy: RatePolicy): RateLimiterPostgres {
  const id = `${policy.name}:${policy.points}:${policy.windowSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pool(),
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: policy.name,
      points: policy.points,
      duration: policy.windowSeconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: policy.name, points: policy.points, duration: policy.windowSeconds }),
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

export interface Consumed {
  policy: RatePolicy;
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  /** True for the first refusal in a window (the one worth an audit event). */
  firstRefusal: boolean;
}

/** Counts one request against `policy` for `key`. */
export async function consume(policy: RatePolicy, key: string): Promise<Consumed> {
  const outcome = (res: RateLimiterRes, allowed: boolean): Consumed => ({
    policy,
    allowed,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    firstRefusal: !allowed && res.consumedPoints === policy.points + 1,
  });
  try {
    return outcome(await limiterOf(policy).consume(key), true);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return outcome(refusal, false);
    throw refusal;
  }
}
