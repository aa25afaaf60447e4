// The access check (lib/access: lifecycle, billing switch, payment and verification standing) on
// every request: in-process, warm (cached) and cold, and end to end as the latency of a tenant's
// page beside the console's. Loaded by bench/run.ts after the environment is set.
import autocannon from "autocannon";
import { controlDb } from "@/lib/db/control";
import { logger } from "@/lib/log/logger";
import { accessDenial } from "@/lib/access/enforce";
import { changePaymentStanding } from "@/lib/standing/commands";
import { createTenantDatabase, migrateTenantDatabase } from "@/lib/provisioning/database-steps";
import { resolveHost } from "@/lib/tenancy/resolve";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { ensureBuild, httpGet, portInUse, startBenchApp } from "./lib/app-server";
import type { BenchContext, Benchmark } from "./lib/context";
import { benchDisplayName, benchKey, seedBenchTenants, tenantsByKey } from "./lib/seed";
import { fmtInt, fmtMs, fmtPct, fmtSeconds, heading, machineLoad, msSince, printTable, subheading, summarize, verdict } from "./lib/stats";

const QUICK = process.env.BENCH_QUICK === "1";
const TENANTS = 3_000;
const WARM_TENANTS = 1_000;
const WARM_CHECKS = 100_000;
const COLD_CHECKS = 1_000;
const LOAD_TENANT = 42;
const BLOCKED_TENANT = 43;
const HTTP_CONNECTIONS = 10;
const HTTP_WARMUP_S = QUICK ? 1 : 3;
const HTTP_RUN_S = QUICK ? 2 : 10;
const HTTP_ROUNDS = 2;
const TARGET_P99_MS = 1;

const targets: Array<{ figure: string; value: string; target: string; met: boolean }> = [];
function target(figure: string, value: string, targetText: string, met: boolean): string {
  targets.push({ figure, value, target: targetText, met });
  return verdict(met);
}

/** Gives the tenant a customer of its own (the seeded ones share one), in the given payment standing. */
async function ownCustomer(tenantId: string, standing: "current" | "overdue", changedDaysAgo: number): Promise<string> {
  const [row] = await controlDb().$queryRaw<{ id: string }[]>`
    INSERT INTO customers (kind, legal_name, display_name, address_line1, city, state, postal_code, country, contact_name, contact_email, contact_phone, tenancy, verification_status, payment_standing, payment_standing_changed_at)
    VALUES ('business', 'Standing Bench Private Limited', 'Standing Bench', '1 Road', 'Pune', 'Maharashtra', '411001', 'IN', 'Owner', 'o@example.com', '+919800000001', 'dedicated', 'completed',
            ${standing}::"PaymentStanding", now() - make_interval(days => ${changedDaysAgo}))
    RETURNING id`;
  if (!row) throw new Error("customer insert returned no id");
  await controlDb().tenant.update({ where: { id: tenantId }, data: { customerId: row.id } });
  return row.id;
}

async function tenantsNamed(keys: string[]): Promise<ResolvedTenant[]> {
  return controlDb().tenant.findMany({
    where: { key: { in: keys } },
    select: { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true },
  });
}

async function inProcess(ctx: BenchContext): Promise<void> {
  subheading(`In-process: accessDenial(tenant, apikey) over ${fmtInt(WARM_TENANTS)} warm tenants, then ${fmtInt(COLD_CHECKS)} never-seen ones`);
  const keys = Array.from({ length: TENANTS }, (_, i) => benchKey(i + 1));
  const all = await tenantsNamed(keys);
  const warm = all.slice(0, WARM_TENANTS);
  const cold = all.slice(WARM_TENANTS, WARM_TENANTS + COLD_CHECKS);
  ctx.progress("warming the standing cache");
  for (const t of warm) await accessDenial(t, { kind: "apikey" });
  for (let i = 0; i < 5_000; i++) await accessDenial(warm[i % warm.length]!, { kind: "apikey" }); // JIT

  const timings = new Float64Array(WARM_CHECKS);
  let refused = 0;
  for (let i = 0; i < WARM_CHECKS; i++) {
    const tenant = warm[(i * 7919) % warm.length]!;
    const start = process.hrtime.bigint();
    if (await accessDenial(tenant, { kind: "apikey" })) refused++;
    timings[i] = msSince(start);
  }
  const w = summarize(timings);

  const proxyTimings = new Float64Array(WARM_CHECKS);
  for (let i = 0; i < WARM_CHECKS; i++) {
    const host = `${warm[(i * 7919) % warm.length]!.key}.localhost:${ctx.appPort}`;
    const start = process.hrtime.bigint();
    const resolution = await resolveHost(host);
    if (resolution.found) await accessDenial(resolution.tenant, { kind: "anyone" });
    proxyTimings[i] = msSince(start);
  }
  const p = summarize(proxyTimings);

  const coldTimings = new Float64Array(cold.length);
  for (let i = 0; i < cold.length; i++) {
    const start = process.hrtime.bigint();
    await accessDenial(cold[i]!, { kind: "apikey" });
    coldTimings[i] = msSince(start);
  }
  const c = summarize(coldTimings);

  // A change reaches the next check at once: the cache entry is dropped when it commits.
  const [changed] = warm;
  const customerId = await ownCustomer(changed!.id, "current", 0);
  const changeStart = process.hrtime.bigint();
  await changePaymentStanding(customerId, { standing: "overdue" }, { actor: "bench", ip: null, userAgent: null });
  const changeMs = msSince(changeStart);
  const afterChange = await accessDenial(changed!, { kind: "apikey" }, Date.now() + 8 * 24 * 60 * 60 * 1000);
  await changePaymentStanding(customerId, { standing: "current" }, { actor: "bench", ip: null, userAgent: null });

  printTable(
    ["check", "checks", "p50 ms", "p99 ms", "max ms", `p99 < ${TARGET_P99_MS} ms`],
    [
      [
        "accessDenial, cached standing",
        fmtInt(w.count),
        fmtMs(w.p50),
        fmtMs(w.p99),
        fmtMs(w.max),
        target("enforcement check p99, cached", `${fmtMs(w.p99)} ms`, `< ${TARGET_P99_MS} ms`, w.p99 < TARGET_P99_MS),
      ],
      ["host resolution + accessDenial (the proxy's lookups), cached", fmtInt(p.count), fmtMs(p.p50), fmtMs(p.p99), fmtMs(p.max), `(${verdict(p.p99 < TARGET_P99_MS)})`],
      ["accessDenial, cold (one control-plane query)", fmtInt(c.count), fmtMs(c.p50), fmtMs(c.p99), fmtMs(c.max), "(comparison)"],
    ],
  );
  console.log(`  refused while measuring: ${refused} (all seeded tenants are in good standing); ${fmtInt(TENANTS)} tenants seeded, one customer`);
  console.log(
    `  a payment change of a one-tenant customer committed in ${fmtMs(changeMs)} ms (lock, update, history, audit, cache drop + NOTIFY); the next check (8 days later) answers ${afterChange?.code ?? "allowed"}`,
  );
}

async function http(ctx: BenchContext): Promise<void> {
  const port = ctx.appPort;
  subheading(
    `HTTP: next start (127.0.0.1:${port}), autocannon ${HTTP_CONNECTIONS} connections, ${HTTP_WARMUP_S} s warm-up each, ${HTTP_ROUNDS} rounds of ${HTTP_RUN_S} s, alternating order`,
  );
  for (const p of [port, ctx.idpPort]) {
    if (await portInUse(p)) {
      console.log(`  SKIPPED: something already listens on 127.0.0.1:${p}`);
      return;
    }
  }
  const [load, blocked] = await tenantsByKey(ctx.controlUrl, [benchKey(LOAD_TENANT), benchKey(BLOCKED_TENANT)]);
  if (!load || !blocked) throw new Error("seeded tenants missing");
  const log = logger().child({ component: "bench" });
  await createTenantDatabase({ tenant: load, log });
  await migrateTenantDatabase({ tenant: load, log });
  // A customer of its own, overdue for 30 days, owns the blocked tenant: its pages are the payment page.
  await ownCustomer(blocked.id, "overdue", 30);

  const build = ensureBuild(ctx.root, ctx.progress);
  console.log(`  build: ${build.built ? `built now in ${fmtSeconds(build.ms)}` : `existing ${build.distDir}, up to date`} (GATEHOUSE_NEXT_DIST_DIR=${build.distDir})`);
  ctx.progress("starting the app (scripts/serve.ts start)");
  const app = await startBenchApp(ctx, port);
  const unregister = ctx.onCleanup(() => app.stop());
  try {
    console.log(`  app answered /healthz after ${fmtSeconds(app.startupMs)}`);
    // /sign-in renders per host after the proxy (host resolution + access check) and the page's own
    // checks (host again, requireWorkspace's access check); every other page redirects without a session.
    const pages = [
      { label: "tenant sign-in", host: `${load.key}.localhost:${port}`, path: "/sign-in", marker: benchDisplayName(LOAD_TENANT) },
      { label: "console sign-in", host: `console.localhost:${port}`, path: "/sign-in", marker: "the Gatehouse console" },
      { label: "overdue tenant → payment page", host: `${blocked.key}.localhost:${port}`, path: "/sign-in", marker: "Payment required" },
    ];
    for (const page of pages) {
      const answer = await httpGet(port, page.host, page.path);
      if (answer.status !== 200 || !answer.body.includes(page.marker)) throw new Error(`${page.label}: GET ${page.path} → ${answer.status} without “${page.marker}”`);
    }
    const run = (page: (typeof pages)[number], seconds: number) =>
      autocannon({ url: `http://127.0.0.1:${port}${page.path}`, connections: HTTP_CONNECTIONS, duration: seconds, headers: { host: page.host } });
    for (const page of pages) await run(page, HTTP_WARMUP_S);
    const rounds = new Map(pages.map((page) => [page, [] as autocannon.Result[]]));
    for (let round = 0; round < HTTP_ROUNDS; round++) {
      for (const page of round % 2 === 0 ? pages : [...pages].reverse()) {
        ctx.progress(`round ${round + 1}: ${page.label} (${machineLoad()})`);
        rounds.get(page)?.push(await run(page, HTTP_RUN_S));
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const results = pages.map((page) => {
      const rs = rounds.get(page) ?? [];
      return {
        page,
        rps: mean(rs.map((r) => r.requests.average)),
        p50: mean(rs.map((r) => r.latency.p50)),
        p99: Math.max(...rs.map((r) => r.latency.p99)),
        non2xx: rs.reduce((a, r) => a + r.non2xx + r.errors, 0),
      };
    });
    const consoleP50 = results[1]!.p50;
    printTable(
      ["page", "req/s", "p50 ms", "p99 ms", "non-2xx/errors", "p50 vs console"],
      results.map((r) => [
        r.page.label,
        r.rps.toFixed(1),
        fmtMs(r.p50),
        fmtMs(r.p99),
        fmtInt(r.non2xx),
        r.page.label === "console sign-in" ? "(baseline)" : fmtPct(r.p50 / consoleP50),
      ]),
    );
    console.log(`  machine load during the runs: ${machineLoad()}. The console's layout and the workspace's differ, so the pages differ by more than`);
    console.log("  the access check; the check's own cost is the in-process figure above (the proxy and the page each run it once per request).");
  } finally {
    await app.stop();
    unregister();
  }
}

export const enforcement: Benchmark = {
  name: "enforcement",
  title: "Access enforcement: the standing check per request",
  async run(ctx) {
    heading("enforcement — the access check on every request (lib/access)");
    ctx.progress(`seeding ${fmtInt(TENANTS)} tenants`);
    await seedBenchTenants(ctx.controlUrl, TENANTS);
    await inProcess(ctx);
    await http(ctx);
    subheading("Targets");
    printTable(
      ["figure", "value", "target", ""],
      targets.map((t) => [t.figure, t.value, t.target, verdict(t.met)]),
    );
  },
};
