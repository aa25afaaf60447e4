// What the rate limits cost per API request: the three counters an authenticated REST call passes
// (client address, caller, tenant; lib/rate-limits/enforce.ts), each an upsert in the control
// plane's `rate_limits` table, timed in-process against the bench cluster — one caller at a time
// (latency) and 16 concurrent callers (throughput), over many keys (counters spread) and one hot
// key (one row contended). Loaded by bench/run.ts after the environment is set.
import { randomUUID } from "node:crypto";
import { enforceLimits, type LimitCheck } from "@/lib/rate-limits/enforce";
import { closeRateLimitPool } from "@/lib/rate-limits/limiter";
import type { RatePolicy } from "@/lib/rate-limits/policies";
import type { BenchContext, Benchmark } from "./lib/context";
import { fmtInt, fmtMs, heading, machineLoad, msSince, printTable, summarize } from "./lib/stats";

const QUICK = process.env.BENCH_QUICK === "1";
const SAMPLES = QUICK ? 500 : 5_000;
const CONCURRENCY = 16;
const TARGET_P99_MS = 5;

// Limits far above what the bench sends: every request is counted, none refused.
const policy = (name: string): RatePolicy => ({ name, points: 1_000_000_000, windowSeconds: 60 });
const ACTOR = { actor: "bench", ip: "127.0.0.1", userAgent: null };

function checksFor(caller: string, address: string): LimitCheck[] {
  return [
    { policy: policy("address"), key: address },
    { policy: policy("caller"), key: `bench:${caller}` },
    { policy: policy("tenant"), key: "bench-tenant" },
  ];
}

async function timed(count: number, concurrency: number, checks: (i: number) => LimitCheck[]): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = process.hrtime.bigint();
        await enforceLimits(checks(i), { actor: ACTOR });
        latencies.push(msSince(t));
      }
    }),
  );
  return { latencies, perSecond: count / (msSince(started) / 1000) };
}

export const rateLimits: Benchmark = {
  name: "rate-limits",
  title: "Rate limits: cost per API request (three PostgreSQL counters)",
  async run(ctx: BenchContext) {
    heading(this.title);
    console.log(`  ${machineLoad()}`);
    const callers = Array.from({ length: 1_000 }, () => randomUUID());
    await timed(200, 4, (i) => checksFor(callers[i % callers.length]!, `10.0.${i % 250}.1`)); // warm the pool and the JIT
    const rows: string[][] = [];
    for (const [label, concurrency, checks] of [
      ["1,000 callers, one at a time", 1, (i: number) => checksFor(callers[i % callers.length]!, `10.1.${i % 250}.1`)],
      ["1,000 callers, 16 concurrent", CONCURRENCY, (i: number) => checksFor(callers[i % callers.length]!, `10.2.${i % 250}.1`)],
      ["one hot key, 16 concurrent", CONCURRENCY, () => checksFor("hot", "10.3.0.1")],
    ] as const) {
      ctx.progress(`${label}: ${fmtInt(SAMPLES)} requests`);
      const { latencies, perSecond } = await timed(SAMPLES, concurrency, checks);
      const s = summarize(latencies);
      rows.push([label, fmtMs(s.p50), fmtMs(s.p90), fmtMs(s.p99), fmtInt(Math.round(perSecond)), concurrency === 1 ? (s.p99 <= TARGET_P99_MS ? "target met" : "MISSED") : ""]);
    }
    printTable(["load", "p50 ms", "p90 ms", "p99 ms", "requests/s", `p99 ≤ ${TARGET_P99_MS} ms`], rows);
    await closeRateLimitPool();
  },
};
