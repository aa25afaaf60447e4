// Identity servers side by side (issue 10, "Performance, side by side"): the embedded identity
// server (scripts/embedded-identity.ts, in a process of its own) and a real Keycloak
// (scripts/local-keycloak, the version the tests run on), one after the other on this machine,
// doing the same work through the same adapter (lib/identity/*): onboarding with 1 / 100 / 1,000
// tenants present, password and client-credentials grants per core, first-page user search in a
// realm of 100,000 users, and each server's resident memory at 1,000 realms. Loaded by bench/run.ts
// after the environment is set.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ARGON2_PARAMS } from "@/idp/config";
import { exited, portInUse, superviseChild } from "./lib/app-server";
import { withClient } from "./lib/cluster";
import type { BenchContext, Benchmark } from "./lib/context";
import { cpuSince, cpuSnapshot, cpusAllowed, hasTaskset, pin, postgresProcesses } from "./lib/processes";
import { fmtInt, fmtMs, fmtSeconds, heading, machineLoad, median, printTable, subheading, summarize, verdict } from "./lib/stats";
import { closedLoop } from "./lib/closed-loop";

// BENCH_QUICK=1 shrinks every level for a smoke run; the figures are then not the real ones.
const QUICK = process.env.BENCH_QUICK === "1";

const LEVELS = QUICK ? [1, 20, 50] : [1, 100, 1_000];
/** Onboardings measured at each level, one at a time. */
const SAMPLES = QUICK ? 5 : 20;
/** Unmeasured onboardings (realms deleted again) before the first level: JIT, pools, caches. */
const WARMUP_ONBOARDINGS = QUICK ? 2 : 5;
const FILL_CONCURRENCY = 3;
/** Longest the filler realms of one server may take; then the levels stop at the count reached. */
const FILL_BUDGET_MS = Number(process.env.BENCH_IDSRV_FILL_BUDGET_MIN ?? (QUICK ? 5 : 35)) * 60_000;
const SEARCH_USERS = QUICK ? 2_000 : 100_000;
const IMPORT_BATCH = 1_000;
const IMPORT_CONCURRENCY = 2;
const SEARCH_SAMPLES = QUICK ? 10 : 30;
const SEARCH_WARMUP = 3;
const SEARCH_PAGE = 20;
const WORKERS = 8;
const WARMUP_MS = (QUICK ? 3 : 10) * 1_000;
const RUN_MS = (QUICK ? 5 : 20) * 1_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Users of the password grants: worker w takes users w, w + WORKERS, …, so no user logs in twice at once (Keycloak's brute-force detector
 * rejected concurrent logins of one user with "Invalid user credentials"). */
const LOGIN_USERS = WORKERS * 3;
const SERVER_CPU = "0";
/**
 * Keycloak's heap for this benchmark unless GATEHOUSE_KEYCLOAK_HEAP says otherwise. The project's
 * default is -Xmx1g; a smoke run measured 73 MiB live heap (after a full GC) with 55 realms, about
 * 0.4–0.8 MiB per realm over the empty server, i.e. 450–850 MiB at 1,000 realms: too close to 1 GiB
 * for a JVM that exits on OutOfMemoryError, so 2 GiB here.
 */
const KEYCLOAK_HEAP_DEFAULT = "-Xms64m -Xmx2g";
/** Admin calls may take long on a Keycloak with many realms; the adapter's default is 10 s. */
const ADMIN_TIMEOUT_MS = "120000";

const TARGET_P50_MS = 1_000;
const FLAT_RATIO = 1.5;

const LOGIN_REALM = "idsrv-login";
const SEARCH_REALM = "idsrv-search";
const PASSWORD_CLIENT = "bench-password";
const SERVICE_CLIENT = "bench-service";

// Keycloak's default argon2id (since Keycloak 24, server configuration guide).
const KEYCLOAK_ARGON2 = { memoryKiB: 7_168, iterations: 5, parallelism: 1 };

const FIRST_NAMES = [
  "Aarav",
  "Aditi",
  "Ananya",
  "Arjun",
  "Deepa",
  "Divya",
  "Gaurav",
  "Isha",
  "Karan",
  "Kavita",
  "Meera",
  "Neha",
  "Nikhil",
  "Pooja",
  "Priya",
  "Rahul",
  "Ravi",
  "Rohan",
  "Sneha",
  "Vikram",
];
const LAST_NAMES = [
  "Agarwal",
  "Banerjee",
  "Bhat",
  "Chopra",
  "Das",
  "Desai",
  "Ghosh",
  "Gupta",
  "Iyer",
  "Jain",
  "Joshi",
  "Kapoor",
  "Khan",
  "Kumar",
  "Mehta",
  "Menon",
  "Mishra",
  "Nair",
  "Patel",
  "Pillai",
  "Rao",
  "Reddy",
  "Saxena",
  "Shah",
  "Sharma",
  "Singh",
  "Sinha",
  "Trivedi",
  "Verma",
  "Yadav",
];

type Step = "realm" | "client" | "roles" | "admin";

interface Mem {
  rssMiB: number;
  hwmMiB: number;
}

interface ServerUnderTest {
  label: "embedded" | "Keycloak";
  env: Record<string, string>;
  /** The process whose memory is reported (the node process, the JVM). */
  mainPid(): number | null;
  /** Every process of the server (pinned together, CPU counted together). */
  pids(): number[];
  realmCount(): Promise<number>;
  seedUsers(realm: string, count: number, progress: (m: string) => void): Promise<string>;
  analyzeUsers(): Promise<void>;
  /** Heap figures of a JVM, after the RSS was read. */
  heap?(): string[];
  describe: string[];
  stop(): Promise<void>;
  logTail(): string[];
}

interface Onboarding {
  ms: number;
  steps: Record<Step, number>;
}

interface LevelResult {
  target: number;
  present: number;
  samples: Onboarding[];
  failed: string[];
}

interface FillStats {
  count: number;
  wallMs: number;
  /** Each filler's time, with the realms present when it started. */
  latencies: Array<{ before: number; ms: number }>;
  failed: string[];
  cut: string | null;
  startedAt: number | null;
}

interface Throughput {
  completed: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: Map<string, number>;
  serverCpu: number;
  pgCpu: number;
  selfCpu: number;
}

interface SearchFigure {
  label: string;
  p50: number;
  p90: number;
  results: string;
}

interface ServerResult {
  label: ServerUnderTest["label"];
  describe: string[];
  idle: Mem | null;
  warmupMs: number[];
  levels: LevelResult[];
  fill: FillStats;
  memory: { realms: number; mem: Mem | null; heap: string[] } | null;
  logins: Throughput | null;
  grants: Throughput | null;
  pinned: string;
  search: { users: number; seedMs: number; how: string; queries: SearchFigure[] } | null;
  afterSearch: Mem | null;
  problems: string[];
}

// ─── /proc ──────────────────────────────────────────────────────────────────────────────────────

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

function memoryOf(pid: number | null): Mem | null {
  if (pid === null) return null;
  const status = readProc(pid, "status");
  if (!status) return null;
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rssMiB: kb("VmRSS") / 1_024, hwmMiB: kb("VmHWM") / 1_024 };
}

/** Processes whose process group is `pgid` (kc.sh and the JVM it starts). */
function processGroup(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry), "stat");
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) out.push(Number(entry));
  }
  return out;
}

function commOf(pid: number): string {
  return readProc(pid, "comm")?.trim() ?? "?";
}

const fmtMiB = (m: Mem | null | undefined) => (m ? `${fmtInt(m.rssMiB)} MiB` : "n/a");

// ─── the work, through the adapter ──────────────────────────────────────────────────────────────

interface Adapter {
  ensureRealm: typeof import("@/lib/identity/realms").ensureRealm;
  deleteRealm: typeof import("@/lib/identity/realms").deleteRealm;
  ensureAppClient: typeof import("@/lib/identity/clients").ensureAppClient;
  syncRealmRoles: typeof import("@/lib/identity/roles").syncRealmRoles;
  TENANT_ROLES: typeof import("@/lib/identity/roles").TENANT_ROLES;
  createUser: typeof import("@/lib/identity/users").createUser;
  findUserByUsername: typeof import("@/lib/identity/users").findUserByUsername;
  countUsers: typeof import("@/lib/identity/users").countUsers;
  identityAdmin: typeof import("@/lib/identity/admin").identityAdmin;
  resetIdentityAdmin: typeof import("@/lib/identity/admin").resetIdentityAdmin;
  identityConfig: typeof import("@/lib/identity/config").identityConfig;
  generatePassword: typeof import("@/lib/secrets/keys").generatePassword;
  breakGlass: string;
}

async function loadAdapter(): Promise<Adapter> {
  const [realms, clients, roles, users, admin, config, keys, breakGlass] = await Promise.all([
    import("@/lib/identity/realms"),
    import("@/lib/identity/clients"),
    import("@/lib/identity/roles"),
    import("@/lib/identity/users"),
    import("@/lib/identity/admin"),
    import("@/lib/identity/config"),
    import("@/lib/secrets/keys"),
    import("@/lib/kernel/break-glass"),
  ]);
  return {
    ensureRealm: realms.ensureRealm,
    deleteRealm: realms.deleteRealm,
    ensureAppClient: clients.ensureAppClient,
    syncRealmRoles: roles.syncRealmRoles,
    TENANT_ROLES: roles.TENANT_ROLES,
    createUser: users.createUser,
    findUserByUsername: users.findUserByUsername,
    countUsers: users.countUsers,
    identityAdmin: admin.identityAdmin,
    resetIdentityAdmin: admin.resetIdentityAdmin,
    identityConfig: config.identityConfig,
    generatePassword: keys.generatePassword,
    breakGlass: breakGlass.BREAK_GLASS_USERNAME,
  };
}

const IDENTITY_ENV = [
  "KEYCLOAK_URL",
  "KEYCLOAK_ADMIN_URL",
  "KEYCLOAK_ADMIN_USERNAME",
  "KEYCLOAK_ADMIN_PASSWORD",
  "KEYCLOAK_ADMIN_CLIENT_ID",
  "KEYCLOAK_ADMIN_CLIENT_SECRET",
  "GATEHOUSE_IDP_URL",
];

/** Points the app's identity adapter at `server` (what a deployment's environment does). */
function switchTo(adapter: Adapter, server: ServerUnderTest): void {
  for (const key of IDENTITY_ENV) delete process.env[key];
  Object.assign(process.env, server.env);
  process.env.KEYCLOAK_ADMIN_TIMEOUT_MS = ADMIN_TIMEOUT_MS;
  adapter.resetIdentityAdmin();
}

/** What onboarding does on the identity server (lib/provisioning/identity-steps.ts), step by step. */
async function onboardTenant(adapter: Adapter, key: string, appPort: number): Promise<Onboarding> {
  const steps = {} as Record<Step, number>;
  const start = performance.now();
  let t = start;
  const lap = (step: Step) => {
    const now = performance.now();
    steps[step] = now - t;
    t = now;
  };
  await adapter.ensureRealm({ name: key, displayName: `Bench ${key}`, enabled: true });
  lap("realm");
  await adapter.ensureAppClient({ realm: key, secret: randomBytes(24).toString("base64url"), origins: [`http://${key}.localhost:${appPort}`], tenantKey: key });
  lap("client");
  await adapter.syncRealmRoles(key, adapter.TENANT_ROLES);
  lap("roles");
  const existing = await adapter.findUserByUsername(key, adapter.breakGlass);
  if (!existing) {
    const created = await adapter.createUser(
      key,
      { username: adapter.breakGlass, firstName: "Break-glass", lastName: "Admin", attributes: { "gatehouse.breakGlass": ["true"] } },
      adapter.generatePassword(),
      ["tenant-admin"],
    );
    if (!created) throw new Error(`${adapter.breakGlass} appeared in ${key} while it was created`);
  }
  lap("admin");
  return { ms: performance.now() - start, steps };
}

function errorText(error: unknown): string {
  const e = error as { message?: string; response?: { status?: number }; responseData?: unknown };
  const status = e?.response?.status ? ` (HTTP ${e.response.status}${e.responseData ? ` ${JSON.stringify(e.responseData).slice(0, 160)}` : ""})` : "";
  return `${(e?.message ?? String(error)).slice(0, 240)}${status}`;
}

// ─── users for the search ───────────────────────────────────────────────────────────────────────

/** User n (1-based): the same for both servers. */
function seededUser(n: number): { username: string; email: string; firstName: string; lastName: string } {
  const firstName = FIRST_NAMES[n % FIRST_NAMES.length]!;
  const lastName = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length]!;
  return { username: `user-${n}`, email: `${firstName}.${lastName}.${n}@example.com`.toLowerCase(), firstName, lastName };
}

async function tokenRequest(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (response.status !== 200 || !body.access_token)
    throw new Error(`token endpoint answered HTTP ${response.status}: ${body.error ?? "no access_token"}${body.error_description ? ` (${body.error_description})` : ""}`);
}

// ─── the servers ────────────────────────────────────────────────────────────────────────────────

async function startEmbedded(ctx: BenchContext): Promise<ServerUnderTest> {
  if (await portInUse(ctx.idpPort)) throw new Error(`something already listens on 127.0.0.1:${ctx.idpPort}; not starting the embedded identity server next to it`);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join("bench", "lib", "embedded-identity-process.ts")], {
    cwd: ctx.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BENCH_EMBEDDED_CLUSTER_URL: ctx.clusterUrl, BENCH_EMBEDDED_PORT: String(ctx.idpPort), LOG_LEVEL: "warn" },
  });
  const { tail, stop } = superviseChild(child, 20, 10_000);
  const unregister = ctx.onCleanup(stop);
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`the embedded identity server did not report READY within 120 s:\n${tail.join("\n")}`)), 120_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n").find((l) => l.startsWith("READY "));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice("READY ".length)) as Record<string, string>);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the embedded identity server exited during startup (${code ?? signal}):\n${tail.join("\n")}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    unregister();
    throw error;
  });
  const pid = child.pid!;
  const { databaseUrl } = await import("@/lib/db/urls");
  const { IDP_DATABASE } = await import("@/scripts/embedded-identity");
  const idpUrl = databaseUrl(ctx.clusterUrl, IDP_DATABASE);
  return {
    label: "embedded",
    env,
    mainPid: () => (exited(child) ? null : pid),
    pids: () => (exited(child) ? [] : [pid]),
    realmCount: () => withClient(idpUrl, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM realms WHERE name <> 'master'")).rows[0]?.n ?? 0),
    seedUsers: async (realm, count, progress) => {
      progress(`seeding ${fmtInt(count)} users into ${realm} on the embedded server: one INSERT … SELECT generate_series into ${IDP_DATABASE}.users (it has no partialImport)`);
      await withClient(idpUrl, (c) =>
        c.query(
          `INSERT INTO users (realm, username, email, first_name, last_name, enabled, email_verified)
           SELECT $1, 'user-' || n, lower(f.name || '.' || l.name || '.' || n || '@example.com'), f.name, l.name, true, true
           FROM generate_series(1, $2::int) AS n
           CROSS JOIN LATERAL (SELECT ($3::text[])[1 + n % cardinality($3::text[])] AS name) AS f
           CROSS JOIN LATERAL (SELECT ($4::text[])[1 + (n / cardinality($3::text[])) % cardinality($4::text[])] AS name) AS l`,
          [realm, count, FIRST_NAMES, LAST_NAMES],
        ),
      );
      return `the embedded server has no bulk admin path (idp/admin: realms, clients, roles, users, events; no partialImport), so its users were written straight into ${IDP_DATABASE}.users with one INSERT … SELECT in the columns idp/store/users.ts writes (no credentials, no role mappings)`;
    },
    analyzeUsers: () => withClient(idpUrl, (c) => c.query("ANALYZE users")).then(() => undefined),
    describe: [
      `embedded identity server: startEmbeddedIdentity() in a node ${process.versions.node} child process (bench/lib/embedded-identity-process.ts), pid ${pid}, http://127.0.0.1:${ctx.idpPort}, database ${IDP_DATABASE} on the bench cluster`,
    ],
    stop: async () => {
      await stop();
      unregister();
    },
    logTail: () => [...tail],
  };
}

function javaVersion(home: string): string {
  const r = spawnSync(path.join(home, "bin", "java"), ["-version"], { encoding: "utf8", timeout: 20_000 });
  return (r.stderr || r.stdout || "?").trim().split("\n").slice(0, 2).join("; ");
}

/** `GC.heap_info`: committed and used heap of a JVM, in MiB. */
function heapInfo(jcmd: string, pid: number): string {
  const r = spawnSync(jcmd, [String(pid), "GC.heap_info"], { encoding: "utf8", timeout: 30_000 });
  const m = /heap\s+total reserved (\d+)K, committed (\d+)K, used (\d+)K/.exec(r.stdout ?? "");
  return m
    ? `reserved ${fmtInt(Number(m[1]) / 1_024)} MiB, committed ${fmtInt(Number(m[2]) / 1_024)} MiB, used ${fmtInt(Number(m[3]) / 1_024)} MiB`
    : `? (${(r.stdout || r.stderr || "").trim().split("\n")[0]?.slice(0, 120) ?? ""})`;
}

async function startKeycloak(ctx: BenchContext, progress: (m: string) => void): Promise<ServerUnderTest> {
  const port = Number(process.env.BENCH_KEYCLOAK_PORT ?? ctx.idpPort + 1);
  if (await portInUse(port)) throw new Error(`something already listens on 127.0.0.1:${port}; not starting Keycloak next to it (BENCH_KEYCLOAK_PORT moves it)`);
  process.env.GATEHOUSE_KEYCLOAK_HEAP ??= KEYCLOAK_HEAP_DEFAULT;
  const { startProjectKeycloak } = await import("@/scripts/local-keycloak/project");
  const { KEYCLOAK_DATABASE } = await import("@/scripts/local-keycloak/server");
  const { databaseUrl } = await import("@/lib/db/urls");
  progress(
    `starting Keycloak on 127.0.0.1:${port} (fresh database ${KEYCLOAK_DATABASE} on the bench cluster, heap ${process.env.GATEHOUSE_KEYCLOAK_HEAP}; the first start in a checkout unpacks and builds it)`,
  );
  const start = Date.now();
  const kc = await startProjectKeycloak({ clusterUrl: ctx.clusterUrl, dataDir: ctx.dataDir, port, freshDatabase: true });
  const unregister = ctx.onCleanup(() => kc.stop());
  progress(`Keycloak ${kc.version} ready in ${fmtSeconds(Date.now() - start)} (pid ${kc.pid})`);
  const group = () => processGroup(kc.pid);
  const jvm = () => group().find((p) => commOf(p) === "java") ?? null;
  const jvmPid = jvm();
  const cmdline = jvmPid ? (readProc(jvmPid, "cmdline") ?? "").split("\0") : [];
  const flags = cmdline.filter((a) => /^-X/.test(a));
  const jcmd = path.join(kc.java.home, "bin", "jcmd");
  const kcUrl = databaseUrl(ctx.clusterUrl, KEYCLOAK_DATABASE);
  const logFile = path.join(ctx.dataDir, "keycloak", "keycloak.log");
  const { identityAdmin } = await import("@/lib/identity/admin");
  const { identityConfig } = await import("@/lib/identity/config");
  return {
    label: "Keycloak",
    env: kc.env,
    mainPid: jvm,
    pids: group,
    realmCount: () => withClient(kcUrl, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM realm WHERE name <> 'master'")).rows[0]?.n ?? 0),
    seedUsers: async (realm, count, log) => {
      log(
        `seeding ${fmtInt(count)} users into ${realm} on Keycloak: POST /admin/realms/${realm}/partialImport, ${fmtInt(IMPORT_BATCH)} users a request, ${IMPORT_CONCURRENCY} at a time`,
      );
      const batches = Math.ceil(count / IMPORT_BATCH);
      let next = 0;
      let done = 0;
      let lastReport = Date.now();
      await Promise.all(
        Array.from({ length: IMPORT_CONCURRENCY }, async () => {
          for (let b = next++; b < batches; b = next++) {
            const users = [];
            for (let n = b * IMPORT_BATCH + 1; n <= Math.min(count, (b + 1) * IMPORT_BATCH); n++) users.push({ ...seededUser(n), enabled: true, emailVerified: true });
            const admin = await identityAdmin();
            const response = await fetch(`${identityConfig().adminUrl}/admin/realms/${encodeURIComponent(realm)}/partialImport`, {
              method: "POST",
              headers: { authorization: `Bearer ${admin.accessToken}`, "content-type": "application/json" },
              body: JSON.stringify({ ifResourceExists: "SKIP", users }),
              signal: AbortSignal.timeout(600_000),
            });
            const text = await response.text();
            if (!response.ok) throw new Error(`partialImport answered HTTP ${response.status}: ${text.slice(0, 200)}`);
            done += 1;
            if (Date.now() - lastReport > 30_000 || done === batches) {
              lastReport = Date.now();
              log(`  partialImport ${fmtInt(done * IMPORT_BATCH)}/${fmtInt(count)} users (${machineLoad()})`);
            }
          }
        }),
      );
      return `Keycloak: its partialImport admin endpoint, ${fmtInt(IMPORT_BATCH)} users (no credentials) a request, ${IMPORT_CONCURRENCY} requests at a time`;
    },
    analyzeUsers: () => withClient(kcUrl, (c) => c.query("ANALYZE user_entity")).then(() => undefined),
    heap: () => {
      const pid = jvm();
      if (!pid || !fs.existsSync(jcmd)) return ["heap: jcmd not available"];
      const now = heapInfo(jcmd, pid);
      spawnSync(jcmd, [String(pid), "GC.run"], { encoding: "utf8", timeout: 60_000 });
      const afterGc = heapInfo(jcmd, pid);
      const rss = memoryOf(pid);
      return [`JVM heap now: ${now}`, `JVM heap after a full GC (jcmd GC.run): ${afterGc}; RSS then ${fmtMiB(rss)}`];
    },
    describe: [
      `Keycloak ${kc.version} (keycloak-quarkus-dist, kc.sh start --optimized, --cache=local, --db-pool-max-size=20, database ${KEYCLOAK_DATABASE} on the bench cluster), http://127.0.0.1:${port}`,
      `Java: ${javaVersion(kc.java.home)} (${kc.java.home})`,
      `JVM: pid ${jvmPid ?? "?"} in process group ${kc.pid}; heap flags (GATEHOUSE_KEYCLOAK_HEAP → JAVA_OPTS_KC_HEAP) ${kc.jvmFlags}`,
      `JVM flags on its command line: ${flags.join(" ") || "?"}`,
    ],
    stop: async () => {
      await kc.stop();
      unregister();
    },
    logTail: () => {
      try {
        return fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-8);
      } catch {
        return [];
      }
    },
  };
}

// ─── one server's run ───────────────────────────────────────────────────────────────────────────

let fillerSeq = 0;

async function fillTo(ctx: BenchContext, adapter: Adapter, server: ServerUnderTest, want: number, fill: FillStats): Promise<number> {
  let present = await server.realmCount();
  const missing = want - present;
  if (missing <= 0 || fill.cut) return present;
  fill.startedAt ??= Date.now();
  ctx.progress(`${server.label}: onboarding ${fmtInt(missing)} filler tenants, ${FILL_CONCURRENCY} at a time (${fmtInt(present)} present)`);
  const round = performance.now();
  let next = 0;
  let done = 0;
  let lastReport = Date.now();
  const worker = async () => {
    for (let i = next++; i < missing; i = next++) {
      if (Date.now() - (fill.startedAt ?? Date.now()) > FILL_BUDGET_MS) {
        fill.cut ??= `filling stopped at ${fmtInt(present)} realms: the ${fmtInt(FILL_BUDGET_MS / 60_000)} min budget for filler tenants (BENCH_IDSRV_FILL_BUDGET_MIN) ran out`;
        return;
      }
      const key = `idsrv-f${String(++fillerSeq).padStart(4, "0")}`;
      const before = present;
      const t = performance.now();
      let ok = false;
      for (let attempt = 1; attempt <= 3 && !ok; attempt++) {
        try {
          await onboardTenant(adapter, key, ctx.appPort); // every step is idempotent: a retry finishes it
          ok = true;
        } catch (error) {
          if (attempt === 3) fill.failed.push(`${key}: ${errorText(error)}`);
          else await new Promise((r) => setTimeout(r, 2_000));
        }
      }
      if (ok) {
        present += 1;
        fill.count += 1;
        fill.latencies.push({ before, ms: performance.now() - t });
      }
      done += 1;
      if (Date.now() - lastReport > 30_000 || done === missing) {
        lastReport = Date.now();
        const recent = fill.latencies.slice(-30).map((l) => l.ms);
        ctx.progress(
          `  ${server.label} fillers ${fmtInt(done)}/${fmtInt(missing)}, ${fmtInt(present)} realms; last ${recent.length} took p50 ${fmtMs(median(recent))} ms each (${machineLoad()})`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
  fill.wallMs += performance.now() - round;
  return server.realmCount();
}

async function measureThroughput(ctx: BenchContext, adapter: Adapter, server: ServerUnderTest, result: ServerResult): Promise<void> {
  ctx.progress(`${server.label}: realm ${LOGIN_REALM} with ${LOGIN_USERS} users (passwords), a public client with the password grant and a service-account client`);
  await adapter.ensureRealm({ name: LOGIN_REALM, displayName: "Bench logins", enabled: true });
  await adapter.syncRealmRoles(LOGIN_REALM, adapter.TENANT_ROLES);
  const users = Array.from({ length: LOGIN_USERS }, (_, i) => ({ username: `login-${String(i + 1).padStart(3, "0")}`, password: randomBytes(12).toString("base64url") }));
  for (const u of users) {
    const created = await adapter.createUser(LOGIN_REALM, { username: u.username, email: `${u.username}@bench.example`, firstName: "Bench", lastName: u.username }, u.password, [
      "member",
    ]);
    if (!created) throw new Error(`user ${u.username} already exists in ${LOGIN_REALM}`);
  }
  const admin = await adapter.identityAdmin();
  // As tests/support/identity-login.ts: a public client with direct access grants.
  await admin.clients.create({ realm: LOGIN_REALM, clientId: PASSWORD_CLIENT, publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false, enabled: true });
  const serviceSecret = randomBytes(24).toString("base64url");
  await admin.clients.create({
    realm: LOGIN_REALM,
    clientId: SERVICE_CLIENT,
    publicClient: false,
    secret: serviceSecret,
    standardFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    enabled: true,
  });
  const tokenUrl = `${adapter.identityConfig().adminUrl.replace("//localhost:", "//127.0.0.1:")}/realms/${LOGIN_REALM}/protocol/openid-connect/token`;
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(SERVICE_CLIENT)}:${encodeURIComponent(serviceSecret)}`).toString("base64")}`;
  const passwordGrant = (w: number, i: number) => {
    const u = users[w + WORKERS * (i % (LOGIN_USERS / WORKERS))]!;
    return tokenRequest(tokenUrl, { grant_type: "password", client_id: PASSWORD_CLIENT, username: u.username, password: u.password, scope: "openid" });
  };
  const ccGrant = () => tokenRequest(tokenUrl, { grant_type: "client_credentials" }, { authorization: basic });
  await passwordGrant(0, 0); // one of each, unmeasured: the setup works
  await ccGrant();

  // The server on CPU 0; this process (the load) and PostgreSQL on CPU 1.
  const pgDir = path.join(ctx.dataDir, "postgres");
  const cpus = os.availableParallelism();
  const selfCpus = cpusAllowed(process.pid);
  const serverPids = server.pids();
  const serverCpus = new Map(serverPids.map((p) => [p, cpusAllowed(p)]));
  const pgCpus = cpusAllowed(postgresProcesses(pgDir)[0] ?? -1);
  const canPin = cpus >= 2 && hasTaskset();
  const restore = () => {
    if (!canPin) return;
    if (selfCpus) pin(process.pid, selfCpus);
    for (const [p, c] of serverCpus) if (c) pin(p, c);
    // Every PostgreSQL process, including backends forked while it was pinned.
    if (pgCpus) for (const p of postgresProcesses(pgDir)) pin(p, pgCpus);
  };
  const unregister = ctx.onCleanup(async () => restore());
  try {
    if (canPin) {
      const pinnedServer = serverPids.filter((p) => pin(p, SERVER_CPU)).length;
      pin(process.pid, "1");
      const pgPids = postgresProcesses(pgDir);
      const pinnedPg = pgPids.filter((p) => pin(p, "1")).length;
      result.pinned = `${server.label} (${pinnedServer} of ${serverPids.length} processes, all threads) pinned to CPU ${SERVER_CPU} with taskset; the load generator (this process) and PostgreSQL (${pinnedPg} of ${pgPids.length} processes) on CPU 1; ${cpus} CPUs in all`;
    } else {
      result.pinned = `NOT pinned (${cpus} CPUs${hasTaskset() ? "" : ", no taskset"}): the figures are for the whole machine, shared with the load generator and PostgreSQL`;
    }
    const measure = async (label: string, op: (w: number, i: number) => Promise<void>): Promise<Throughput> => {
      ctx.progress(`${server.label} ${label}: warm-up ${fmtSeconds(WARMUP_MS)}, ${WORKERS} workers`);
      await closedLoop(WORKERS, WARMUP_MS, op);
      ctx.progress(`${server.label} ${label}: measuring ${fmtSeconds(RUN_MS)}, ${WORKERS} workers (${machineLoad()})`);
      const serverCpu = cpuSnapshot(server.pids());
      const pgCpu = cpuSnapshot(postgresProcesses(pgDir));
      const self = process.cpuUsage();
      const r = await closedLoop(WORKERS, RUN_MS, op);
      const selfUsed = process.cpuUsage(self);
      const s = summarize(r.latencies);
      return {
        completed: r.completed,
        perSecond: r.completed / (r.elapsedMs / 1_000),
        p50: s.p50,
        p99: s.p99,
        errors: r.errors,
        serverCpu: cpuSince(serverCpu) / r.elapsedMs,
        pgCpu: cpuSince(pgCpu) / r.elapsedMs,
        selfCpu: (selfUsed.user + selfUsed.system) / 1_000 / r.elapsedMs,
      };
    };
    result.logins = await measure("password grants", passwordGrant);
    result.grants = await measure("client-credentials grants", ccGrant);
  } finally {
    restore();
    unregister();
  }
}

async function measureSearch(ctx: BenchContext, adapter: Adapter, server: ServerUnderTest, result: ServerResult): Promise<void> {
  await adapter.ensureRealm({ name: SEARCH_REALM, displayName: "Bench search", enabled: true });
  const seedStart = performance.now();
  const how = await server.seedUsers(SEARCH_REALM, SEARCH_USERS, ctx.progress);
  await server.analyzeUsers();
  const seedMs = performance.now() - seedStart;
  const total = await adapter.countUsers(SEARCH_REALM);
  ctx.progress(
    `${server.label}: ${fmtInt(total)} users in ${SEARCH_REALM} after ${fmtSeconds(seedMs)} (seed + ANALYZE); searching, ${SEARCH_SAMPLES} samples each after ${SEARCH_WARMUP} warm-up`,
  );
  if (total < SEARCH_USERS) result.problems.push(`search realm has ${fmtInt(total)} users, not ${fmtInt(SEARCH_USERS)}`);
  const admin = () => adapter.identityAdmin();
  const middle = `user-${Math.floor(SEARCH_USERS / 2) + 7}`;
  const queries: Array<{ label: string; run: () => Promise<string> }> = [
    {
      label: `list, no search (first=0, max=${SEARCH_PAGE})`,
      run: async () => `${(await (await admin()).users.find({ realm: SEARCH_REALM, first: 0, max: SEARCH_PAGE })).length} rows`,
    },
    {
      label: `search "patel*" (prefix; first=0, max=${SEARCH_PAGE})`,
      run: async () => `${(await (await admin()).users.find({ realm: SEARCH_REALM, search: "patel*", first: 0, max: SEARCH_PAGE })).length} rows`,
    },
    {
      label: `search "*atel*" (infix; first=0, max=${SEARCH_PAGE})`,
      run: async () => `${(await (await admin()).users.find({ realm: SEARCH_REALM, search: "*atel*", first: 0, max: SEARCH_PAGE })).length} rows`,
    },
    {
      label: `search "*.4242@*" (infix in the email; max=${SEARCH_PAGE})`,
      run: async () => `${(await (await admin()).users.find({ realm: SEARCH_REALM, search: "*.4242@*", first: 0, max: SEARCH_PAGE })).length} rows`,
    },
    { label: `findUserByUsername("${middle}") (username=…&exact=true)`, run: async () => ((await adapter.findUserByUsername(SEARCH_REALM, middle)) ? "found" : "NOT FOUND") },
    { label: `countUsers(realm, "*atel*") (users/count?search=)`, run: async () => `count ${fmtInt(await adapter.countUsers(SEARCH_REALM, "*atel*"))}` },
  ];
  const figures: SearchFigure[] = [];
  for (const q of queries) {
    let answer = "";
    for (let i = 0; i < SEARCH_WARMUP; i++) answer = await q.run();
    const times: number[] = [];
    for (let i = 0; i < SEARCH_SAMPLES; i++) {
      const t = performance.now();
      answer = await q.run();
      times.push(performance.now() - t);
    }
    const s = summarize(times);
    figures.push({ label: q.label, p50: s.p50, p90: s.p90, results: answer });
  }
  result.search = { users: total, seedMs, how, queries: figures };
}

async function runServer(ctx: BenchContext, adapter: Adapter, server: ServerUnderTest): Promise<ServerResult> {
  const result: ServerResult = {
    label: server.label,
    describe: server.describe,
    idle: memoryOf(server.mainPid()),
    warmupMs: [],
    levels: [],
    fill: { count: 0, wallMs: 0, latencies: [], failed: [], cut: null, startedAt: null },
    memory: null,
    logins: null,
    grants: null,
    pinned: "",
    search: null,
    afterSearch: null,
    problems: [],
  };
  switchTo(adapter, server);
  const phase = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      result.problems.push(`${name} failed: ${errorText(error)}`);
      ctx.progress(`${server.label}: ${name} FAILED: ${errorText(error)}`);
      for (const line of server.logTail()) console.log(`    | ${line.slice(0, 240)}`);
    }
  };

  await phase("onboarding", async () => {
    ctx.progress(`${server.label}: ${WARMUP_ONBOARDINGS} warm-up onboardings (unmeasured, realms deleted again)`);
    for (let i = 1; i <= WARMUP_ONBOARDINGS; i++) {
      const key = `idsrv-warm${i}`;
      result.warmupMs.push((await onboardTenant(adapter, key, ctx.appPort)).ms);
      await adapter.deleteRealm(key);
    }
    for (const target of LEVELS) {
      const present = await fillTo(ctx, adapter, server, target, result.fill);
      ctx.progress(`${server.label}: level ${fmtInt(target)}: ${fmtInt(present)} tenant realms present; ${SAMPLES} onboardings, one at a time (${machineLoad()})`);
      const level: LevelResult = { target, present, samples: [], failed: [] };
      for (let i = 1; i <= SAMPLES; i++) {
        const key = `idsrv-l${target}-s${String(i).padStart(2, "0")}`;
        try {
          level.samples.push(await onboardTenant(adapter, key, ctx.appPort));
        } catch (error) {
          level.failed.push(`${key}: ${errorText(error)}`);
        }
      }
      result.levels.push(level);
      const s = summarize(level.samples.map((o) => o.ms));
      ctx.progress(`${server.label}: level ${fmtInt(target)}: p50 ${fmtMs(s.p50)} ms, p90 ${fmtMs(s.p90)} ms${level.failed.length ? `, ${level.failed.length} failed` : ""}`);
      if (result.fill.cut) break;
    }
  });

  const realms = await server.realmCount().catch(() => -1);
  result.memory = { realms, mem: memoryOf(server.mainPid()), heap: [] };
  ctx.progress(`${server.label}: resident memory with ${fmtInt(realms)} tenant realms: ${fmtMiB(result.memory.mem)}`);
  if (server.heap) result.memory.heap = server.heap();

  await phase("password / client-credentials grants", () => measureThroughput(ctx, adapter, server, result));
  await phase("user search", () => measureSearch(ctx, adapter, server, result));
  result.afterSearch = memoryOf(server.mainPid());
  return result;
}

// ─── report ─────────────────────────────────────────────────────────────────────────────────────

function p50Of(level: LevelResult | undefined): number {
  return level ? summarize(level.samples.map((o) => o.ms)).p50 : Number.NaN;
}

/** The first level whose p50 is over FLAT_RATIO × the first level's, or null. */
function degradesAt(r: ServerResult): LevelResult | null {
  const base = p50Of(r.levels[0]);
  return r.levels.slice(1).find((l) => p50Of(l) > FLAT_RATIO * base) ?? null;
}

function printServer(r: ServerResult): void {
  subheading(`${r.label}`);
  for (const line of r.describe) console.log(`  ${line}`);
  console.log(`  resident memory after start (VmRSS): ${fmtMiB(r.idle)}`);
  if (r.warmupMs.length) console.log(`  warm-up onboardings (unmeasured, deleted again): ${r.warmupMs.map((m) => fmtMs(m)).join(", ")} ms`);

  console.log(`\n  Onboarding (realm + app client + roles + break-glass admin, as lib/provisioning/identity-steps.ts does it), one at a time:`);
  printTable(
    ["tenants present", "samples ok", "p50 ms", "p90 ms", "max ms", "realm p50", "client p50", "roles p50", "admin p50", `p50 < ${fmtMs(TARGET_P50_MS)} ms`],
    r.levels.map((l) => {
      const s = summarize(l.samples.map((o) => o.ms));
      const step = (name: Step) => fmtMs(median(l.samples.map((o) => o.steps[name])));
      return [
        fmtInt(l.present),
        `${l.samples.length}/${l.samples.length + l.failed.length}`,
        fmtMs(s.p50),
        fmtMs(s.p90),
        fmtMs(s.max),
        step("realm"),
        step("client"),
        step("roles"),
        step("admin"),
        verdict(l.failed.length === 0 && s.p50 < TARGET_P50_MS),
      ];
    }),
  );
  for (const l of r.levels) for (const f of l.failed.slice(0, 3)) console.log(`  failed sample: ${f}`);
  const f = r.fill;
  if (f.count) {
    console.log(
      `  fillers: ${fmtInt(f.count)} tenants onboarded in ${fmtSeconds(f.wallMs)}, ${FILL_CONCURRENCY} at a time → ${fmtMs(f.wallMs / f.count)} ms of wall time per tenant`,
    );
    const max = Math.max(...f.latencies.map((l) => l.before));
    const edges = [...new Set([0, LEVELS[1] ?? 0, Math.round(max * 0.25), Math.round(max * 0.5), Math.round(max * 0.75), max + 1])].sort((a, b) => a - b);
    const rows: string[][] = [];
    for (let i = 0; i + 1 < edges.length; i++) {
      const lo = edges[i]!;
      const hi = edges[i + 1]!;
      const inRange = f.latencies.filter((l) => l.before >= lo && l.before < hi).map((l) => l.ms);
      if (inRange.length) rows.push([`${fmtInt(lo)}–${fmtInt(hi - 1)}`, fmtInt(inRange.length), fmtMs(median(inRange)), fmtMs(summarize(inRange).p90)]);
    }
    printTable([`realms present (filler onboardings, ${FILL_CONCURRENCY} at a time)`, "fillers", "p50 ms", "p90 ms"], rows);
  }
  if (f.cut) console.log(`  ${f.cut}`);
  if (f.failed.length) {
    console.log(`  ${f.failed.length} fillers failed three attempts; first ones:`);
    for (const x of f.failed.slice(0, 3)) console.log(`    ${x}`);
  }

  if (r.memory) {
    console.log(
      `\n  Resident memory with ${fmtInt(r.memory.realms)} tenant realms: VmRSS ${fmtMiB(r.memory.mem)} (peak VmHWM ${r.memory.mem ? `${fmtInt(r.memory.mem.hwmMiB)} MiB` : "n/a"})`,
    );
    for (const line of r.memory.heap) console.log(`  ${line}`);
  }

  if (r.logins || r.grants) {
    console.log(`\n  Grants on one core, closed loop (${WORKERS} concurrent workers, ${fmtSeconds(WARMUP_MS)} warm-up, then ${fmtSeconds(RUN_MS)}): ${r.pinned}`);
    printTable(
      ["grant", "completed", "per s", "per server CPU-s", "p50 ms", "p99 ms", "errors", "CPU server / PG / load"],
      [
        ["password (public client, direct access grant)", r.logins],
        ["client credentials (HTTP Basic)", r.grants],
      ].flatMap(([label, m]) => {
        const t = m as Throughput | null;
        if (!t) return [];
        const errors = [...t.errors.values()].reduce((a, b) => a + b, 0);
        return [
          [
            label as string,
            fmtInt(t.completed),
            t.perSecond.toFixed(1),
            (t.perSecond / t.serverCpu).toFixed(1),
            fmtMs(t.p50),
            fmtMs(t.p99),
            fmtInt(errors),
            `${Math.round(t.serverCpu * 100)}% / ${Math.round(t.pgCpu * 100)}% / ${Math.round(t.selfCpu * 100)}%`,
          ],
        ];
      }),
    );
    console.log(`  "per server CPU-s": completions per CPU-second the server's processes used; with the core to itself it equals "per s" at 100% CPU.`);
    console.log(`  Where the server's CPU share is well below 100%, other work on CPU ${SERVER_CPU} (or the load) held it back: read both columns.`);
    for (const t of [r.logins, r.grants]) for (const [message, count] of [...(t?.errors.entries() ?? [])].slice(0, 3)) console.log(`  error ×${count}: ${message}`);
  }

  if (r.search) {
    console.log(`\n  User search in a realm of ${fmtInt(r.search.users)} users (seeded in ${fmtSeconds(r.search.seedMs)}, ANALYZE included): ${r.search.how}`);
    printTable(
      ["query (through the adapter's admin client)", "p50 ms", "p90 ms", "answer"],
      r.search.queries.map((q) => [q.label, fmtMs(q.p50), fmtMs(q.p90), q.results]),
    );
    console.log(`  resident memory after the search realm: ${fmtMiB(r.afterSearch)}`);
  }
  for (const p of r.problems) console.log(`  PROBLEM: ${p}`);
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "n/a";
}

function printSideBySide(e: ServerResult, k: ServerResult): void {
  subheading("Side by side (ratio = embedded / Keycloak; below 1× the embedded server takes less time or memory, above 1× it does more per second)");
  const rows: string[][] = [];
  const add = (figure: string, a: number, b: number, fmt: (n: number) => string) => rows.push([figure, fmt(a), fmt(b), ratio(a, b)]);
  const ms = (n: number) => (Number.isFinite(n) ? `${fmtMs(n)} ms` : "n/a");
  for (let i = 0; i < LEVELS.length; i++) {
    const le = e.levels[i];
    const lk = k.levels[i];
    if (!le && !lk) continue;
    const se = summarize(le?.samples.map((o) => o.ms) ?? []);
    const sk = summarize(lk?.samples.map((o) => o.ms) ?? []);
    const presentText = le && lk && le.present !== lk.present ? `${fmtInt(le.present)} / ${fmtInt(lk.present)}` : fmtInt((le ?? lk)!.present);
    add(`onboarding p50, ${presentText} tenants present`, se.p50, sk.p50, ms);
    add(`onboarding p90, ${presentText} tenants present`, se.p90, sk.p90, ms);
  }
  const perS = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)}/s` : "n/a");
  add("password grants per second, one core", e.logins?.perSecond ?? Number.NaN, k.logins?.perSecond ?? Number.NaN, perS);
  add("client-credentials grants per second, one core", e.grants?.perSecond ?? Number.NaN, k.grants?.perSecond ?? Number.NaN, perS);
  const perCpu = (t: Throughput | null) => (t ? t.perSecond / t.serverCpu : Number.NaN);
  add("password grants per server CPU-second", perCpu(e.logins), perCpu(k.logins), perS);
  add("client-credentials grants per server CPU-second", perCpu(e.grants), perCpu(k.grants), perS);
  for (let i = 0; i < (e.search?.queries.length ?? k.search?.queries.length ?? 0); i++) {
    const qe = e.search?.queries[i];
    const qk = k.search?.queries[i];
    add(`${(qe ?? qk)!.label}, ${fmtInt(e.search?.users ?? k.search?.users ?? 0)} users, p50`, qe?.p50 ?? Number.NaN, qk?.p50 ?? Number.NaN, ms);
  }
  const mib = (n: number) => (Number.isFinite(n) ? `${fmtInt(n)} MiB` : "n/a");
  add(`resident memory (VmRSS) after start`, e.idle?.rssMiB ?? Number.NaN, k.idle?.rssMiB ?? Number.NaN, mib);
  add(
    `resident memory (VmRSS), ${fmtInt(e.memory?.realms ?? 0)} / ${fmtInt(k.memory?.realms ?? 0)} tenant realms`,
    e.memory?.mem?.rssMiB ?? Number.NaN,
    k.memory?.mem?.rssMiB ?? Number.NaN,
    mib,
  );
  printTable(["figure", "embedded", "Keycloak", "embedded / Keycloak"], rows);
}

function printDegradation(e: ServerResult, k: ServerResult): void {
  subheading("Onboarding as realms grow (p50 at each level against the first; degraded = over " + FLAT_RATIO + "×)");
  for (const r of [e, k]) {
    const base = p50Of(r.levels[0]);
    const parts = r.levels.map((l) => `${fmtInt(l.present)} present: ${fmtMs(p50Of(l))} ms (${ratio(p50Of(l), base)})`);
    const at = degradesAt(r);
    console.log(
      `  ${r.label.padEnd(8)} ${parts.join(", ")} → ${at ? `degrades at ${fmtInt(at.present)} realms (p50 ${ratio(p50Of(at), base)} the p50 at ${fmtInt(r.levels[0]?.present ?? 0)})` : r.levels.length > 1 ? `flat within ${FLAT_RATIO}× up to ${fmtInt(r.levels.at(-1)?.present ?? 0)} realms` : "too few levels to say"}`,
    );
  }
  const at = degradesAt(k);
  const top = k.levels.at(-1);
  console.log("");
  if (at) {
    const before = k.levels[k.levels.indexOf(at) - 1];
    console.log(`  Keycloak's onboarding p50 degrades between ${fmtInt(before?.present ?? 0)} and ${fmtInt(at.present)} realms on this machine.`);
  } else if (top) {
    console.log(`  Keycloak's onboarding p50 stayed within ${FLAT_RATIO}× up to ${fmtInt(top.present)} realms on this machine (see the filler table for the trend).`);
  }
  console.log(`  Recommendation (not built): on Keycloak, run several Keycloak clusters and pin each tenant to one (a tenant's realm lives on exactly`);
  console.log(`  one cluster; the control plane records which), adding a cluster before one reaches the realm count where it degraded here.`);
  console.log(`  The embedded server keeps a realm as rows in its own tables, so realm count is not what limits it.`);
}

// ─── module ─────────────────────────────────────────────────────────────────────────────────────

async function run(ctx: BenchContext): Promise<void> {
  heading(`${identityServers.title}${QUICK ? "  [BENCH_QUICK=1: reduced levels, users and durations; not the real figures]" : ""}`);
  process.env.GATEHOUSE_SECRET_KEY ??= randomBytes(32).toString("base64");
  process.env.KEYCLOAK_ADMIN_TIMEOUT_MS = ADMIN_TIMEOUT_MS;
  const adapter = await loadAdapter();
  console.log(
    `  Machine: ${os.cpus()[0]?.model ?? "?"}, ${os.availableParallelism()} CPUs, ${fmtInt(os.totalmem() / 1_048_576)} MiB RAM, ${os.type()} ${os.release()}; node ${process.versions.node}`,
  );
  console.log(`  One server at a time, each on a fresh database of the bench cluster, driven through the app's adapter (lib/identity/*) in this process.`);
  console.log(
    `  Levels ${LEVELS.map(fmtInt).join(" / ")} tenant realms present, ${SAMPLES} onboardings measured at each, fillers ${FILL_CONCURRENCY} at a time; ${fmtInt(SEARCH_USERS)} users for the search.`,
  );

  const results: ServerResult[] = [];
  for (const which of ["embedded", "Keycloak"] as const) {
    let server: ServerUnderTest | null = null;
    try {
      ctx.progress(`starting the ${which} identity server`);
      server = which === "embedded" ? await startEmbedded(ctx) : await startKeycloak(ctx, ctx.progress);
      const result = await runServer(ctx, adapter, server);
      results.push(result);
      // Printed now, so a run stopped during the second server still shows the first one's figures.
      heading(`${which}: figures (${machineLoad()})`);
      printServer(result);
    } catch (error) {
      console.log(`\n  ${which}: FAILED before its figures: ${errorText(error)}`);
      for (const line of server?.logTail() ?? []) console.log(`    | ${line.slice(0, 240)}`);
    } finally {
      if (server) {
        ctx.progress(`stopping the ${which} identity server`);
        await server.stop().catch((error: unknown) => console.log(`  stopping ${which} failed: ${errorText(error)}`));
      }
    }
  }
  adapter.resetIdentityAdmin();

  heading("Identity servers side by side");
  console.log(`  ${machineLoad()} at the end (other work on the machine skews figures)`);
  const e = results.find((r) => r.label === "embedded");
  const k = results.find((r) => r.label === "Keycloak");
  if (e && k) {
    printSideBySide(e, k);
    printDegradation(e, k);
  }

  subheading("Notes");
  console.log(
    `  Password hashing: embedded argon2id m = ${fmtInt(ARGON2_PARAMS.memoryCost)} KiB, t = ${ARGON2_PARAMS.timeCost}, p = ${ARGON2_PARAMS.parallelism}; Keycloak's default argon2id m = ${fmtInt(KEYCLOAK_ARGON2.memoryKiB)} KiB, t = ${KEYCLOAK_ARGON2.iterations}, p = ${KEYCLOAK_ARGON2.parallelism}.`,
  );
  console.log(`  Both grants over plain HTTP on loopback with keep-alive; a password grant checks the password every time (no session reuse).`);
  console.log(`  Search: the same users on both (user-1…user-N, first and last names from fixed lists, email first.last.n@example.com, enabled, no credentials),`);
  console.log(`  ANALYZE on the user table after seeding. "patel*" / "*atel*" use explicit wildcards because the servers differ on a bare term`);
  console.log(`  (Keycloak: prefix; embedded: substring). The embedded server's RSS is its own node process (not this one's).`);

  subheading("Targets");
  const lines: string[][] = [];
  for (const r of results) {
    for (const l of r.levels)
      lines.push([
        `${r.label} onboarding p50, ${fmtInt(l.present)} present`,
        `${fmtMs(p50Of(l))} ms`,
        `< ${fmtMs(TARGET_P50_MS)} ms`,
        verdict(l.failed.length === 0 && p50Of(l) < TARGET_P50_MS),
      ]);
    const top = r.levels.at(-1);
    if (top && r.levels.length > 1) {
      const x = p50Of(top) / p50Of(r.levels[0]);
      lines.push([`${r.label} onboarding flat as realms grow`, `${x.toFixed(2)}×`, `≤ ${FLAT_RATIO}×`, verdict(x <= FLAT_RATIO)]);
    }
  }
  printTable(["figure", "value", "target", "result"], lines);
}

export const identityServers: Benchmark = {
  name: "identity-servers",
  title: `Identity servers side by side: embedded vs Keycloak, ${LEVELS.map(fmtInt).join(" / ")} realms, ${fmtInt(SEARCH_USERS)} users`,
  run,
};
