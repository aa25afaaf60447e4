// Host → tenant resolution at 10,000 tenants: in-process resolver latency (warm and cold cache),
// HTTP throughput of a tenant's sign-in page (subdomain and custom domain) against the console's,
// and tenant database creation time as the number of databases on the cluster grows. Loaded by bench/run.ts after the environment is set.
import autocannon from "autocannon";
import type { Logger } from "pino";
import { migrate } from "@/lib/db/migrate";
import { databaseUrl, quoteIdent } from "@/lib/db/urls";
import { logger } from "@/lib/log/logger";
import { createTenantDatabase, migrateTenantDatabase } from "@/lib/provisioning/database-steps";
import { initialStepRows, type ProvisioningTenant } from "@/lib/provisioning/steps";
import { resolveHost } from "@/lib/tenancy/resolve";
import { hostCache } from "@/lib/tenancy/tenant-cache";
import type { Resolution } from "@/lib/tenancy/types";
import { ensureBuild, httpGet, portInUse, startBenchApp } from "./lib/app-server";
import { withClient } from "./lib/cluster";
import type { BenchContext, Benchmark } from "./lib/context";
import { benchDisplayName, benchDomain, benchKey, seedBenchTenants, tenantsByKey } from "./lib/seed";
import { fmtInt, fmtMs, fmtPct, fmtSeconds, heading, machineLoad, median, msSince, printTable, subheading, summarize, verdict } from "./lib/stats";

// BENCH_QUICK=1 shrinks the slow parts for a smoke run; the figures are then not the real ones.
const QUICK = process.env.BENCH_QUICK === "1";

const TENANTS = 10_000;
const WARM_LOOKUPS = 100_000;
const JIT_WARMUP_LOOKUPS = 5_000;
const COLD_LOOKUPS = 2_000;
const COLD_WARMUP_LOOKUPS = 200;
const LOAD_TENANT = 42;
const HTTP_CONNECTIONS = 10;
const HTTP_WARMUP_S = QUICK ? 1 : 3;
const HTTP_RUN_S = QUICK ? 2 : 10;
const HTTP_ROUNDS = 2;
const DB_LEVELS = QUICK ? [1, 20, 50] : [1, 100, 1_000];
const DB_SAMPLES = 5;
const FILLER_PARALLELISM = 2;
const TEMPLATE_DB = "gatehouse_bench_template";

const TARGET_WARM_P99_MS = 0.05;
const TARGET_COLD_P99_MS = 2;
const TARGET_HTTP_RATIO = 0.9;
const TARGET_DB_CREATE_MS = 500;
const TARGET_DB_FLAT_RATIO = 1.5;

interface TargetLine {
  figure: string;
  value: string;
  target: string;
  met: boolean;
}

const targets: TargetLine[] = [];
function target(figure: string, value: string, targetText: string, met: boolean): string {
  targets.push({ figure, value, target: targetText, met });
  return verdict(met);
}

function benchLog(): Logger {
  return logger().child({ component: "bench" });
}

// ─── 2. seed ────────────────────────────────────────────────────────────────────────────────────

async function seed(ctx: BenchContext): Promise<void> {
  subheading(`Seed: ${fmtInt(TENANTS)} dedicated tenants + ${fmtInt(TENANTS)} verified custom domains (bulk SQL, one transaction)`);
  ctx.progress("seeding");
  const report = await seedBenchTenants(ctx.controlUrl, TENANTS);
  printTable(
    ["statement", "time"],
    report.steps.map(([what, ms]) => [what, `${fmtMs(ms)} ms`]),
  );
  console.log(`  total seed time: ${fmtSeconds(report.totalMs)}`);
  const counts = await withClient(ctx.controlUrl, async (c) => {
    const { rows } = await c.query<{ tenants: number; domains: number }>(
      "SELECT (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM tenant_domains)::int AS domains",
    );
    return rows[0];
  });
  console.log(`  control database now holds ${fmtInt(counts?.tenants ?? 0)} tenants (incl. console + cloud) and ${fmtInt(counts?.domains ?? 0)} custom domains`);

  // Seeded tenants count as fully provisioned: one `done` row for every step of the registry
  // (initialStepRows()), so the app's controller has nothing to do for them.
  const expected = initialStepRows().map((r) => r.step);
  const steps = await withClient(ctx.controlUrl, async (c) => {
    const { rows } = await c.query<{ tenants: number; complete: number }>(
      `SELECT count(*)::int AS tenants,
              count(*) FILTER (WHERE s.done = $1 AND s.all_steps = $1 AND s.known)::int AS complete
       FROM tenants t
       JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'done') AS done, count(*) AS all_steps, bool_and(step = ANY($2::text[])) AS known
                     FROM provisioning_steps WHERE tenant_id = t.id) s ON true
       WHERE t.key LIKE 'bench-%'`,
      [expected.length, expected],
    );
    return rows[0] ?? { tenants: 0, complete: 0 };
  });
  console.log(
    `  provisioning steps of the seeded tenants: ${fmtInt(steps.complete)} of ${fmtInt(steps.tenants)} have exactly the registry's ${expected.length} steps, all done (${expected.join(", ")})`,
  );
  if (steps.complete !== steps.tenants) throw new Error("seeded tenants do not have every provisioning step done");
}

// ─── 3. in-process resolver ─────────────────────────────────────────────────────────────────────

interface Probe {
  host: string;
  kind: string;
  expect(r: Resolution): boolean;
}

const subdomainProbe = (n: number): Probe => ({
  host: `${benchKey(n)}.localhost:3200`,
  kind: "subdomain",
  expect: (r) => r.found && r.via === "subdomain" && r.tenant.key === benchKey(n),
});
const customProbe = (n: number): Probe => ({
  host: benchDomain(n),
  kind: "custom domain",
  expect: (r) => r.found && r.via === "custom" && r.tenant.key === benchKey(n),
});
const unknownCustomProbe = (i: number): Probe => ({
  host: `login.nosuch-${i}.example`,
  kind: "unknown custom domain",
  expect: (r) => !r.found && r.reason === "unknown",
});
const unknownSubdomainProbe = (i: number): Probe => ({
  host: `nosuch-${i}.localhost:3200`,
  kind: "unknown subdomain",
  expect: (r) => !r.found && r.reason === "unknown",
});

function warmProbes(): Probe[] {
  const probes: Probe[] = [];
  for (let i = 0; i < 100; i++) probes.push(subdomainProbe(1 + i * 100), customProbe(51 + i * 100));
  probes.push({ host: "console.localhost:3200", kind: "console", expect: (r) => r.found && r.via === "console" && r.tenant.kind === "root" });
  probes.push({ host: "cloud.localhost", kind: "cloud", expect: (r) => r.found && r.via === "cloud" && r.tenant.kind === "shared_cloud" });
  for (let i = 0; i < 20; i++) probes.push(unknownSubdomainProbe(i), unknownCustomProbe(i));
  for (const host of ["127.0.0.1:3200", "localhost:3200", "a.b.localhost:3200", "www.localhost:3200"]) {
    probes.push({ host, kind: "invalid (no DB query)", expect: (r) => !r.found && r.reason !== "unknown" });
  }
  return probes;
}

async function resolverWarm(ctx: BenchContext): Promise<void> {
  const probes = warmProbes();
  subheading(`Resolver, warm cache: ${fmtInt(WARM_LOOKUPS)} resolveHost() lookups over ${probes.length} hosts`);
  ctx.progress("warming the host cache");
  hostCache().drop();
  let wrong = 0;
  for (const p of probes) if (!p.expect(await resolveHost(p.host))) wrong += 1;
  // JIT warm-up, untimed, so the figure is the steady state.
  for (let i = 0; i < JIT_WARMUP_LOOKUPS; i++) await resolveHost(probes[i % probes.length]!.host);

  ctx.progress(`timing ${fmtInt(WARM_LOOKUPS)} warm lookups (${machineLoad()})`);
  const kinds = [...new Set(probes.map((p) => p.kind))];
  const kindOf = probes.map((p) => kinds.indexOf(p.kind));
  const durations = new Float64Array(WARM_LOOKUPS);
  const kindIndex = new Uint8Array(WARM_LOOKUPS);
  const wallStart = process.hrtime.bigint();
  for (let i = 0; i < WARM_LOOKUPS; i++) {
    const j = i % probes.length;
    const host = probes[j]!.host;
    const start = process.hrtime.bigint();
    await resolveHost(host);
    durations[i] = Number(process.hrtime.bigint() - start) / 1e6;
    kindIndex[i] = kindOf[j]!;
  }
  const wallMs = msSince(wallStart);

  const rows: string[][] = [];
  for (const [k, kind] of kinds.entries()) {
    const mine = durations.filter((_, i) => kindIndex[i] === k);
    const s = summarize(mine);
    rows.push([kind, fmtInt(probes.filter((p) => p.kind === kind).length), fmtInt(s.count), fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max), ""]);
  }
  const all = summarize(durations);
  rows.push([
    "ALL",
    fmtInt(probes.length),
    fmtInt(all.count),
    fmtMs(all.p50),
    fmtMs(all.p99),
    fmtMs(all.max),
    target("warm lookup p99", `${fmtMs(all.p99)} ms`, `< ${TARGET_WARM_P99_MS} ms`, all.p99 < TARGET_WARM_P99_MS),
  ]);
  printTable(["host kind", "hosts", "lookups", "p50 ms", "p99 ms", "max ms", `p99 < ${TARGET_WARM_P99_MS} ms`], rows);
  console.log(
    `  ${fmtInt(WARM_LOOKUPS / (wallMs / 1_000))} lookups/s sequential (wall ${fmtMs(wallMs)} ms, incl. timer overhead); untimed JIT warm-up: ${fmtInt(JIT_WARMUP_LOOKUPS)} lookups`,
  );
  console.log(`  wrong answers while warming: ${wrong} of ${probes.length}`);
}

async function resolverCold(ctx: BenchContext): Promise<void> {
  subheading(`Resolver, cold cache: hostCache().drop() before each lookup, ${fmtInt(COLD_LOOKUPS)} distinct hosts per kind`);
  const cache = hostCache();
  // Untimed warm-up of the code path and the control-database pool, on hosts not measured below.
  for (let i = 0; i < COLD_WARMUP_LOOKUPS; i++) {
    cache.drop();
    await resolveHost(customProbe(2 + i * 5).host);
    cache.drop();
    await resolveHost(subdomainProbe(4 + i * 5).host);
  }
  const series: Array<{ label: string; probes: Probe[]; targeted: boolean }> = [
    { label: "custom domain", probes: Array.from({ length: COLD_LOOKUPS }, (_, i) => customProbe(1 + i * 5)), targeted: true },
    { label: "subdomain (comparison)", probes: Array.from({ length: COLD_LOOKUPS }, (_, i) => subdomainProbe(3 + i * 5)), targeted: false },
    { label: "unknown custom domain (comparison)", probes: Array.from({ length: COLD_LOOKUPS }, (_, i) => unknownCustomProbe(1_000 + i)), targeted: false },
  ];
  const rows: string[][] = [];
  for (const { label, probes, targeted } of series) {
    ctx.progress(`timing ${fmtInt(probes.length)} cold lookups: ${label} (${machineLoad()})`);
    const durations = new Float64Array(probes.length);
    let wrong = 0;
    for (const [i, probe] of probes.entries()) {
      cache.drop();
      const start = process.hrtime.bigint();
      const resolution = await resolveHost(probe.host);
      durations[i] = msSince(start);
      if (!probe.expect(resolution)) wrong += 1;
    }
    const s = summarize(durations);
    const met = s.p99 < TARGET_COLD_P99_MS;
    rows.push([
      label,
      fmtInt(s.count),
      fmtMs(s.p50),
      fmtMs(s.p99),
      fmtMs(s.max),
      String(wrong),
      targeted ? target("cold custom-domain lookup p99", `${fmtMs(s.p99)} ms`, `< ${TARGET_COLD_P99_MS} ms`, met) : `(${verdict(met)})`,
    ]);
  }
  printTable(["lookup", "lookups", "p50 ms", "p99 ms", "max ms", "wrong", `p99 < ${TARGET_COLD_P99_MS} ms`], rows);
  console.log(`  untimed warm-up: ${COLD_WARMUP_LOOKUPS * 2} cold lookups on other hosts; the target applies to custom domains, the other rows are for comparison`);
}

// ─── 4. HTTP ────────────────────────────────────────────────────────────────────────────────────

async function provisionForReal(tenant: ProvisioningTenant): Promise<{ createMs: number; migrateMs: number }> {
  const log = benchLog().child({ tenant: tenant.key });
  const start = process.hrtime.bigint();
  await createTenantDatabase({ tenant, log });
  const createMs = msSince(start);
  const migrateStart = process.hrtime.bigint();
  await migrateTenantDatabase({ tenant, log });
  return { createMs, migrateMs: msSince(migrateStart) };
}

/** Provisioning steps still to run (pending or running) and failed ones. */
async function openProvisioningSteps(controlUrl: string): Promise<{ open: number; failed: number }> {
  return withClient(controlUrl, async (c) => {
    const { rows } = await c.query<{ open: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('pending', 'running'))::int AS open,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM provisioning_steps`,
    );
    return rows[0] ?? { open: 0, failed: 0 };
  });
}

async function stepRowUpdates(controlUrl: string): Promise<{ rows: number; updated: number; dead: number }> {
  return withClient(controlUrl, async (c) => {
    const { rows } = await c.query<{ rows: number; updated: number; dead: number }>(
      `SELECT (SELECT count(*) FROM provisioning_steps)::int AS rows, n_tup_upd::int AS updated, n_dead_tup::int AS dead
       FROM pg_stat_user_tables WHERE relname = 'provisioning_steps'`,
    );
    return rows[0] ?? { rows: 0, updated: 0, dead: 0 };
  });
}

interface HttpTarget {
  label: string;
  host: string;
  path: string;
  /** Text the page must contain (checked separately: React puts a comment between text parts). */
  markers: string[];
}

const SIGN_IN_PATH = "/sign-in";
const CONSOLE_LABEL = "console sign-in";

async function http(ctx: BenchContext): Promise<void> {
  const port = ctx.appPort;
  subheading(
    `HTTP: GET ${SIGN_IN_PATH} on next start (127.0.0.1:${port}), autocannon, ${HTTP_CONNECTIONS} connections, ${HTTP_WARMUP_S} s warm-up of each target, then ${HTTP_ROUNDS} rounds of ${HTTP_RUN_S} s each`,
  );
  const [tenant] = await tenantsByKey(ctx.controlUrl, [benchKey(LOAD_TENANT)]);
  if (!tenant) throw new Error(`seeded tenant ${benchKey(LOAD_TENANT)} not found`);
  ctx.progress(`creating + migrating the database of ${tenant.key} with the provisioning step functions`);
  const made = await provisionForReal(tenant);
  console.log(
    `  ${tenant.key}: database ${tenant.databaseName} created in ${fmtMs(made.createMs)} ms, migrated in ${fmtMs(made.migrateMs)} ms; custom domain ${benchDomain(LOAD_TENANT)} (verified, seeded)`,
  );

  for (const p of [port, ctx.idpPort]) {
    if (await portInUse(p)) {
      console.log(`  SKIPPED: something already listens on 127.0.0.1:${p}; not starting the app next to a server this run did not start`);
      return;
    }
  }
  const build = ensureBuild(ctx.root, ctx.progress);
  console.log(
    `  build: ${build.built ? `built now in ${fmtSeconds(build.ms)} (${build.reason})` : `existing ${build.distDir}, up to date with the sources`} (BUILD_ID ${build.buildId}, written ${build.builtAt.toISOString()}, GATEHOUSE_NEXT_DIST_DIR=${build.distDir})`,
  );
  if (build.changedDuringBuild > 0) {
    console.log(`  NOTE: ${build.changedDuringBuild} source files changed while the build ran; the app may serve code older than the source (the next run rebuilds)`);
  }

  const stepStatsBefore = await stepRowUpdates(ctx.controlUrl);
  ctx.progress("starting the app (scripts/serve.ts start)");
  const app = await startBenchApp(ctx, port);
  const unregister = ctx.onCleanup(() => app.stop());
  try {
    console.log(
      `  app answered /healthz 200 after ${fmtSeconds(app.startupMs)} (spawn → ready, incl. startup migrations, bootstrap and controller start over ${fmtInt(TENANTS)} tenants)`,
    );

    // The app's controller provisions the console and cloud tenants (seeded ones are all done).
    // Wait until it is done, or makes no progress for 5 s (at most 60 s).
    const quietStart = Date.now();
    let steps = await openProvisioningSteps(ctx.controlUrl);
    let lastChange = Date.now();
    while (steps.open > 0 && Date.now() - lastChange < 5_000 && Date.now() - quietStart < 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      const now = await openProvisioningSteps(ctx.controlUrl);
      if (now.open !== steps.open || now.failed !== steps.failed) lastChange = Date.now();
      steps = now;
    }
    console.log(
      `  provisioning controller ${steps.open === 0 ? "idle" : "stuck or slow"} after ${fmtSeconds(Date.now() - quietStart)} (steps pending/running: ${steps.open}, failed: ${steps.failed})`,
    );

    // What is measured: GET /sign-in. Since sign-in exists, every tenant page and every console
    // page answers a request without a session with 307 → /sign-in; only /sign-in and the status
    // pages render. /sign-in is the one page that renders per tenant on all three kinds of host
    // after the full host resolution (proxy, then the page and its layout resolve the Host again,
    // and the layout looks for a session), so it compares like with like. Measuring `/` would
    // compare redirects.
    const targetsHttp: HttpTarget[] = [
      { label: "tenant sign-in, subdomain", host: `${benchKey(LOAD_TENANT)}.localhost:${port}`, path: SIGN_IN_PATH, markers: ["Sign in to", benchDisplayName(LOAD_TENANT)] },
      { label: "tenant sign-in, custom domain", host: benchDomain(LOAD_TENANT), path: SIGN_IN_PATH, markers: ["Sign in to", benchDisplayName(LOAD_TENANT)] },
      { label: "console sign-in", host: `console.localhost:${port}`, path: SIGN_IN_PATH, markers: ["Sign in to", "the Gatehouse console"] },
    ];
    console.log(`  measured page: GET ${SIGN_IN_PATH} (HTTP 200, rendered for the tenant the Host resolves to). Every other tenant and console page`);
    console.log(`  redirects a request without a session (307 → ${SIGN_IN_PATH}), so ${SIGN_IN_PATH} is the page all three hosts render after the same`);
    console.log(`  host resolution (proxy rewrite, then page + layout resolve the Host again and look for a session):`);
    let probesOk = true;
    for (const t of targetsHttp) {
      const root = await httpGet(port, t.host, "/");
      const answer = await httpGet(port, t.host, t.path);
      const missing = t.markers.filter((m) => !answer.body.includes(m));
      const ok = answer.status === 200 && missing.length === 0;
      probesOk &&= ok;
      console.log(
        `  probe ${t.host.padEnd(28)} GET / → ${root.status}${root.location ? ` (Location ${root.location})` : ""}; GET ${t.path} → ${answer.status}, ${fmtInt(answer.body.length)} bytes, ${missing.length === 0 ? `"${t.markers.join(" … ")}" present` : `MISSING ${missing.map((m) => `"${m}"`).join(", ")}`}`,
      );
    }
    if (!probesOk) throw new Error(`GET ${SIGN_IN_PATH} did not answer 200 with the expected tenant name on every host; not measuring`);

    // Every target is warmed up before any is measured, so the first one measured does not pay
    // for warming the server as a whole (an earlier version showed a ~10% order effect).
    const load = (t: HttpTarget, seconds: number) =>
      autocannon({ url: `http://127.0.0.1:${port}${t.path}`, connections: HTTP_CONNECTIONS, duration: seconds, headers: { host: t.host } });
    for (const t of targetsHttp) {
      ctx.progress(`autocannon warm-up ${t.host}${t.path}: ${HTTP_WARMUP_S} s`);
      await load(t, HTTP_WARMUP_S);
    }
    // Rounds in alternating order (A B C, then C B A …), so a drift in the machine's background
    // load over the minute does not favour whichever target happens to run first or last.
    const rounds = new Map<HttpTarget, autocannon.Result[]>(targetsHttp.map((t) => [t, []]));
    for (let round = 0; round < HTTP_ROUNDS; round++) {
      const order = round % 2 === 0 ? targetsHttp : [...targetsHttp].reverse();
      for (const t of order) {
        ctx.progress(`round ${round + 1}/${HTTP_ROUNDS}: autocannon ${t.host}${t.path}: ${HTTP_RUN_S} s (${machineLoad()})`);
        rounds.get(t)?.push(await load(t, HTTP_RUN_S));
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const results = targetsHttp.map((t) => {
      const rs = rounds.get(t) ?? [];
      const statusCounts = new Map<string, number>();
      for (const r of rs) for (const [code, { count }] of Object.entries(r.statusCodeStats)) statusCounts.set(code, (statusCounts.get(code) ?? 0) + count);
      return {
        t,
        rps: mean(rs.map((r) => r.requests.average)),
        perRound: rs.map((r) => r.requests.average),
        p50: mean(rs.map((r) => r.latency.p50)),
        p99: Math.max(...rs.map((r) => r.latency.p99)),
        ok: rs.reduce((a, r) => a + r["2xx"], 0),
        non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
        errors: rs.reduce((a, r) => a + r.errors, 0),
        timeouts: rs.reduce((a, r) => a + r.timeouts, 0),
        statuses: [...statusCounts.entries()].filter(([code]) => !code.startsWith("2")),
      };
    });

    const consoleRps = results.find((x) => x.t.label === CONSOLE_LABEL)?.rps ?? Number.NaN;
    printTable(
      ["target", "host", "req/s", "per round", "p50 ms", "p99 ms", "2xx", "non-2xx", "errors", "vs console", `≥ ${fmtPct(TARGET_HTTP_RATIO)} of console`],
      results.map((r) => {
        const ratio = r.rps / consoleRps;
        const isConsole = r.t.label === CONSOLE_LABEL;
        const statuses = r.statuses.map(([code, count]) => `${code}×${count}`).join(" ");
        return [
          r.t.label,
          r.t.host,
          r.rps.toFixed(1),
          r.perRound.map((x) => x.toFixed(0)).join(" / "),
          fmtMs(r.p50),
          fmtMs(r.p99),
          fmtInt(r.ok),
          `${fmtInt(r.non2xx)}${statuses ? ` (${statuses})` : ""}`,
          `${r.errors}${r.timeouts ? ` (${r.timeouts} timeouts)` : ""}`,
          isConsole ? "100%" : fmtPct(ratio),
          isConsole ? "(baseline)" : target(`HTTP req/s, ${r.t.label}, vs console`, fmtPct(ratio), `≥ ${fmtPct(TARGET_HTTP_RATIO)}`, ratio >= TARGET_HTTP_RATIO),
        ];
      }),
    );
    console.log(`  req/s: mean of the ${HTTP_ROUNDS} rounds (order alternates); p50: mean of the rounds' p50; p99: the worst round's p99`);
    // Read after the load, so every backend of the app has flushed its statistics.
    const stepStatsAfter = await stepRowUpdates(ctx.controlUrl);
    console.log(
      `  provisioning_steps rows updated since the app started: ${fmtInt(stepStatsAfter.updated - stepStatsBefore.updated)} (dead tuples now ${fmtInt(stepStatsAfter.dead)}; the table has ${fmtInt(stepStatsAfter.rows)} rows; requests do not touch it)`,
    );
    console.log(`  "within 10%" is read as: a tenant's ${SIGN_IN_PATH} serves at least 90% of the console's ${SIGN_IN_PATH} req/s (being faster counts as met)`);
  } finally {
    ctx.progress("stopping the app");
    await app.stop();
    unregister();
    const out = app.output();
    console.log(`  app stopped; it wrote ${out.lines} log/output lines at LOG_LEVEL=warn${out.lines ? "; last ones:" : ""}`);
    for (const line of out.tail.slice(-8)) console.log(`    | ${line.length > 240 ? `${line.slice(0, 240)}…` : line}`);
  }
}

// ─── 5. tenant database creation vs. databases present ─────────────────────────────────────────

async function tenantDatabaseCount(clusterUrl: string): Promise<{ tenantDbs: number; allDbs: number }> {
  return withClient(clusterUrl, async (c) => {
    const { rows } = await c.query<{ tenant_dbs: number; all_dbs: number }>(
      `SELECT count(*) FILTER (WHERE datname LIKE 'gatehouse\\_t\\_%')::int AS tenant_dbs, count(*)::int AS all_dbs FROM pg_database`,
    );
    return { tenantDbs: rows[0]?.tenant_dbs ?? 0, allDbs: rows[0]?.all_dbs ?? 0 };
  });
}

/** Copies the migrated template into the databases of seeded tenants until `want` tenant databases exist. */
async function fillTo(ctx: BenchContext, want: number, reserved: string[]): Promise<{ created: number; ms: number }> {
  const { tenantDbs } = await tenantDatabaseCount(ctx.clusterUrl);
  const missing = want - tenantDbs;
  if (missing <= 0) return { created: 0, ms: 0 };
  const names = await withClient(ctx.controlUrl, async (c) => {
    const { rows } = await c.query<{ database_name: string }>(
      `SELECT t.database_name FROM tenants t
       WHERE t.key LIKE 'bench-%' AND t.key <> ALL($1::text[])
         AND NOT EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = t.database_name)
       ORDER BY t.key LIMIT $2`,
      [reserved, missing],
    );
    return rows.map((r) => r.database_name);
  });
  ctx.progress(`creating ${names.length} filler databases (CREATE DATABASE … TEMPLATE ${TEMPLATE_DB}, ${FILLER_PARALLELISM} sessions)`);
  const start = process.hrtime.bigint();
  let next = 0;
  let done = 0;
  const worker = async () =>
    withClient(ctx.clusterUrl, async (c) => {
      for (let i = next++; i < names.length; i = next++) {
        await c.query(`CREATE DATABASE ${quoteIdent(names[i]!)} TEMPLATE ${quoteIdent(TEMPLATE_DB)}`);
        done += 1;
        if (done % 100 === 0) ctx.progress(`  ${done}/${names.length} filler databases`);
      }
    });
  await Promise.all(Array.from({ length: FILLER_PARALLELISM }, worker));
  return { created: names.length, ms: msSince(start) };
}

async function databaseCreation(ctx: BenchContext): Promise<void> {
  subheading(`Tenant database creation (createTenantDatabase + migrateTenantDatabase) with ${DB_LEVELS.join(" / ")} tenant databases present, ${DB_SAMPLES} samples each`);
  ctx.progress(`preparing template database ${TEMPLATE_DB} (CREATE DATABASE + tenant migrations)`);
  await withClient(ctx.clusterUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(TEMPLATE_DB)}`));
  await migrate("tenant", databaseUrl(ctx.clusterUrl, TEMPLATE_DB));

  const sampleKeys = Array.from({ length: DB_LEVELS.length * DB_SAMPLES }, (_, i) => benchKey(9_001 + i));
  const sampleTenants = await tenantsByKey(ctx.controlUrl, sampleKeys);
  const reserved = [benchKey(LOAD_TENANT), ...sampleKeys];

  const rows: string[][] = [];
  const medians: number[] = [];
  let fillerTotal = 0;
  let fillerMs = 0;
  for (const [li, level] of DB_LEVELS.entries()) {
    const fill = await fillTo(ctx, level, reserved);
    fillerTotal += fill.created;
    fillerMs += fill.ms;
    // Flush what the copies wrote first, so the samples measure "databases present", not
    // "gigabytes just written" (the checkpointer would otherwise be busy during them).
    const checkpoint = await withClient(ctx.clusterUrl, async (c) => {
      const start = process.hrtime.bigint();
      await c.query("CHECKPOINT");
      return msSince(start);
    });
    const before = await tenantDatabaseCount(ctx.clusterUrl);
    ctx.progress(`level ${level}: ${before.tenantDbs} tenant databases present (CHECKPOINT took ${fmtMs(checkpoint)} ms); ${DB_SAMPLES} samples (${machineLoad()})`);
    const create: number[] = [];
    const migrateMs: number[] = [];
    const total: number[] = [];
    for (const tenant of sampleTenants.slice(li * DB_SAMPLES, (li + 1) * DB_SAMPLES)) {
      const r = await provisionForReal(tenant);
      create.push(r.createMs);
      migrateMs.push(r.migrateMs);
      total.push(r.createMs + r.migrateMs);
    }
    const s = summarize(total);
    medians.push(s.p50);
    const met = s.max < TARGET_DB_CREATE_MS;
    rows.push([
      String(level),
      `${before.tenantDbs} (${before.allDbs} in cluster)`,
      String(s.count),
      fmtMs(median(create)),
      fmtMs(median(migrateMs)),
      fmtMs(s.p50),
      fmtMs(s.max),
      target(`tenant DB create+migrate, ${level} present (max)`, `${fmtMs(s.max)} ms`, `< ${TARGET_DB_CREATE_MS} ms`, met),
    ]);
  }
  printTable(["level", "tenant DBs present before", "samples", "create med ms", "migrate med ms", "total med ms", "total max ms", `max < ${TARGET_DB_CREATE_MS} ms`], rows);
  const first = medians[0] ?? Number.NaN;
  const last = medians[medians.length - 1] ?? Number.NaN;
  const ratio = last / first;
  console.log(
    `  flat: median at ${DB_LEVELS.at(-1)} present is ${ratio.toFixed(2)}× the median at ${DB_LEVELS[0]} → ${target("tenant DB creation flat", `${ratio.toFixed(2)}×`, `≤ ${TARGET_DB_FLAT_RATIO}×`, ratio <= TARGET_DB_FLAT_RATIO)} (target ≤ ${TARGET_DB_FLAT_RATIO}×)`,
  );
  console.log(
    `  "present" databases beyond the measured ones were made with CREATE DATABASE … TEMPLATE ${TEMPLATE_DB} (a tenant-migrated database): ${fillerTotal} copies in ${fmtSeconds(fillerMs)} (${fillerTotal ? fmtMs(fillerMs / fillerTotal) : "n/a"} ms of wall time per database, ${FILLER_PARALLELISM} sessions in parallel); the measured samples use the real step functions (plain CREATE DATABASE + node-pg-migrate)`,
  );
  const size = await withClient(ctx.clusterUrl, async (c) => {
    const { rows } = await c.query<{ size: string }>("SELECT pg_size_pretty(sum(pg_database_size(datname))) AS size FROM pg_database");
    return rows[0]?.size ?? "?";
  });
  console.log(`  cluster size now: ${size}; a CHECKPOINT runs before each level's samples`);
  console.log(`  the count includes the console and cloud tenant databases, created by the app's provisioning controller during the HTTP part`);
}

// ─── module ─────────────────────────────────────────────────────────────────────────────────────

export const hostResolution: Benchmark = {
  name: "host-resolution",
  title: `Host resolution with ${fmtInt(TENANTS)} tenants`,
  async run(ctx) {
    heading(`${this.title}${QUICK ? "  [BENCH_QUICK=1: reduced HTTP and database levels; not the real figures]" : ""}`);
    await seed(ctx);
    await resolverWarm(ctx);
    await resolverCold(ctx);
    const sections: Array<[string, (c: BenchContext) => Promise<void>]> = [
      ["HTTP", http],
      ["tenant database creation", databaseCreation],
    ];
    for (const [name, section] of sections) {
      try {
        await section(ctx);
      } catch (error) {
        console.log(`  SECTION FAILED (${name}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        targets.push({ figure: `${name} section`, value: "failed", target: "runs", met: false });
      }
    }
    subheading("Targets");
    printTable(
      ["figure", "value", "target", "result"],
      targets.map((t) => [t.figure, t.value, t.target, verdict(t.met)]),
    );
  },
};
