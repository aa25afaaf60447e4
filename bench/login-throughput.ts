// Login throughput (issue 3) of the embedded identity server restricted to ONE core: password
// logins through the browser flow (authorization code + PKCE, login form, code exchange) and
// client-credentials grants, against Keycloak's published sizing per vCPU. The identity server
// runs as its own process (`node --import tsx idp/main.ts`) pinned with `taskset -c 0`; the load
// comes from this process. Loaded by bench/run.ts after the environment is set.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { hash as argon2Hash, verify as argon2Verify } from "argon2";
import { ARGON2_PARAMS } from "@/idp/config";
import { adminClient, CookieJar, loginForm } from "@/idp/test-support/harness";
import { databaseUrl, quoteIdent } from "@/lib/db/urls";
import { exited, portInUse, superviseChild } from "./lib/app-server";
import { withClient } from "./lib/cluster";
import type { BenchContext, Benchmark } from "./lib/context";
import { cpuSince, cpuSnapshot, cpusAllowed, hasTaskset, pin, postgresProcesses } from "./lib/processes";
import { fmtInt, fmtMs, fmtSeconds, heading, machineLoad, median, printTable, subheading, summarize, verdict } from "./lib/stats";
import { closedLoop } from "./lib/closed-loop";

// BENCH_QUICK=1 shortens the runs for a smoke test; the figures are then not the real ones.
const QUICK = process.env.BENCH_QUICK === "1";

const WORKERS = 8;
const WARMUP_MS = (QUICK ? 2 : 5) * 1_000;
const RUN_MS = (QUICK ? 5 : 20) * 1_000;
/** Bounds every loop even if the server answered impossibly fast. */
const REQUEST_TIMEOUT_MS = 30_000;
const USERS = 100;
const IDP_DATABASE = "gatehouse_bench_idp_login";
const REALM = "bench-login";
const WEB_CLIENT = "bench-web";
const SERVICE_CLIENT = "bench-service";
const REDIRECT_URI = "http://localhost:9/cb"; // never followed: the code is read from the Location header
const IDP_CPU = "0";
const ARGON2_SAMPLES = 20;

// Keycloak's published sizing ("Concepts for sizing CPU and memory resources", Keycloak 26).
const KEYCLOAK_LOGINS_PER_VCPU = 15;
const KEYCLOAK_CC_PER_VCPU = 120;
// Keycloak's default password hashing (argon2id) since Keycloak 24, from its server configuration guide.
const KEYCLOAK_ARGON2 = { memoryKiB: 7_168, iterations: 5, parallelism: 1 };

interface IdentityProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  output(): string[];
  stop(): Promise<void>;
}

// ─── the identity server process ────────────────────────────────────────────────────────────────

async function startPinnedIdentity(ctx: BenchContext, adminPassword: string): Promise<IdentityProcess> {
  const url = `http://localhost:${ctx.idpPort}`;
  const child = spawn("taskset", ["-c", IDP_CPU, process.execPath, "--import", "tsx", path.join("idp", "main.ts")], {
    cwd: ctx.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      IDP_PORT: String(ctx.idpPort),
      IDP_HOST: "127.0.0.1",
      IDP_DATABASE_URL: databaseUrl(ctx.clusterUrl, IDP_DATABASE),
      IDP_PUBLIC_URL: url,
      KEYCLOAK_ADMIN_USERNAME: "admin",
      KEYCLOAK_ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: "warn",
    },
  });
  const { tail, stop } = superviseChild(child, 20, 10_000);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited(child)) throw new Error(`the identity server exited during startup (code ${child.exitCode ?? child.signalCode}):\n${tail.join("\n")}`);
    const ready = await fetch(`http://127.0.0.1:${ctx.idpPort}/realms/master/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2_000) }).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status === 200;
      },
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the identity server did not answer within 120 s:\n${tail.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (child.pid === undefined) throw new Error("the identity server has no pid");
  return { child, pid: child.pid, url, output: () => [...tail], stop };
}

// ─── HTTP client pieces ─────────────────────────────────────────────────────────────────────────

function b64url(buf: Buffer): string {
  return buf.toString("base64url");
}

function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

/** One request with the jar's cookies; the body is always read (so the connection is reused). */
async function send(jar: CookieJar, url: string, form?: Record<string, string>): Promise<{ status: number; location: string | null; text: string }> {
  const headers: Record<string, string> = {};
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(url, { method: form ? "POST" : "GET", headers, body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  jar.store(response);
  const text = await response.text();
  return { status: response.status, location: response.headers.get("location"), text };
}

/**
 * Follows redirects like a browser (the first request may be a form POST) until a page that is
 * not a redirect, or a redirect to `stopAt`. At most 10 hops.
 */
async function follow(jar: CookieJar, url: string, stopAt: string, form?: Record<string, string>): Promise<{ url: string; status: number; text: string; hops: number }> {
  let current = url;
  let answer = await send(jar, current, form);
  for (let hops = 0; hops < 10; hops++) {
    if (answer.status < 300 || answer.status >= 400 || !answer.location) return { url: current, status: answer.status, text: answer.text, hops };
    current = new URL(answer.location, current).href;
    if (current.startsWith(stopAt)) return { url: current, status: answer.status, text: "", hops: hops + 1 };
    answer = await send(jar, current);
  }
  throw new Error(`more than 10 redirects from ${url}`);
}

interface LoginPhases {
  authorize: number[];
  submit: number[];
  token: number[];
}

interface Setup {
  idpUrl: string;
  webSecret: string;
  serviceSecret: string;
  users: Array<{ username: string; password: string }>;
}

/** The browser login of one user, from a fresh browser (no identity-server session to reuse). */
async function passwordLogin(setup: Setup, user: { username: string; password: string }, phases: LoginPhases | null): Promise<void> {
  const realmUrl = `${setup.idpUrl}/realms/${REALM}`;
  const jar = new CookieJar();
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(12));
  const auth = new URL(`${realmUrl}/protocol/openid-connect/auth`);
  auth.search = new URLSearchParams({
    response_type: "code",
    client_id: WEB_CLIENT,
    redirect_uri: REDIRECT_URI,
    scope: "openid profile email",
    state,
    nonce: b64url(randomBytes(12)),
    code_challenge: b64url(createHash("sha256").update(verifier).digest()),
    code_challenge_method: "S256",
  }).toString();

  const t0 = performance.now();
  const page = await follow(jar, auth.href, REDIRECT_URI);
  if (page.status !== 200) throw new Error(`authorization request ended with HTTP ${page.status}`);
  const form = loginForm(page.text, page.url);
  const t1 = performance.now();

  const result = await follow(jar, form.action, REDIRECT_URI, { csrf: form.csrf, step: "login", username: user.username, password: user.password });
  if (!result.url.startsWith(REDIRECT_URI)) {
    const alert = /role="alert">([^<]*)</.exec(result.text)?.[1];
    throw new Error(`login form answered HTTP ${result.status}${alert ? `: ${alert}` : ""}`);
  }
  const callback = new URL(result.url);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`redirect without code: ${callback.search.slice(0, 120)}`);
  if (callback.searchParams.get("state") !== state) throw new Error("state mismatch on the redirect");
  const t2 = performance.now();

  const response = await fetch(`${realmUrl}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { authorization: basicAuth(WEB_CLIENT, setup.webSecret), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier }).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const tokens = (await response.json()) as { access_token?: string; id_token?: string; error?: string; error_description?: string };
  if (response.status !== 200 || !tokens.access_token || !tokens.id_token) {
    throw new Error(`code exchange answered HTTP ${response.status}: ${tokens.error ?? "no tokens"}${tokens.error_description ? ` (${tokens.error_description})` : ""}`);
  }
  const t3 = performance.now();
  if (phases) {
    phases.authorize.push(t1 - t0);
    phases.submit.push(t2 - t1);
    phases.token.push(t3 - t2);
  }
}

async function clientCredentials(setup: Setup): Promise<void> {
  const response = await fetch(`${setup.idpUrl}/realms/${REALM}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { authorization: basicAuth(SERVICE_CLIENT, setup.serviceSecret), "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const tokens = (await response.json()) as { access_token?: string; error?: string };
  if (response.status !== 200 || !tokens.access_token) throw new Error(`token endpoint answered HTTP ${response.status}: ${tokens.error ?? "no access_token"}`);
}

// ─── module ─────────────────────────────────────────────────────────────────────────────────────

async function run(ctx: BenchContext): Promise<void> {
  heading(`${loginThroughput.title}${QUICK ? "  [BENCH_QUICK=1: short runs; not the real figures]" : ""}`);
  if (!hasTaskset()) throw new Error("taskset (util-linux) is not available; it pins the identity server to one core");
  if (await portInUse(ctx.idpPort))
    throw new Error(`something already listens on 127.0.0.1:${ctx.idpPort}; not starting the identity server next to a server this run did not start`);
  const cpus = os.availableParallelism();
  const loadCpu = cpus >= 2 ? "1" : "0";
  const pgDir = path.join(ctx.dataDir, "postgres");

  ctx.progress(`creating database ${IDP_DATABASE} and starting the identity server pinned to CPU ${IDP_CPU} (taskset -c ${IDP_CPU} node --import tsx idp/main.ts)`);
  await withClient(ctx.clusterUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(IDP_DATABASE)}`));
  const adminPassword = randomBytes(18).toString("base64url");
  const idp = await startPinnedIdentity(ctx, adminPassword);
  const unregister = ctx.onCleanup(() => idp.stop());

  // Affinity of this process and of PostgreSQL, restored at the end.
  const selfCpus = cpusAllowed(process.pid);
  const pgBefore = postgresProcesses(pgDir).map((pid) => ({ pid, cpus: cpusAllowed(pid) }));
  const restoreAffinity = () => {
    if (selfCpus) pin(process.pid, selfCpus);
    for (const p of pgBefore) if (p.cpus) pin(p.pid, p.cpus);
    // Backends forked while PostgreSQL was pinned inherited the pin; they end with the cluster.
  };
  const unregisterAffinity = ctx.onCleanup(async () => restoreAffinity());

  try {
    console.log(`  identity server: pid ${idp.pid}, CPUs allowed: ${cpusAllowed(idp.pid) ?? "?"} (of ${cpus}), ${idp.url}, its own database ${IDP_DATABASE} on the bench cluster`);

    // ── realm, clients, users ──
    ctx.progress(`creating realm ${REALM}, a code-flow client, a service-account client and ${USERS} users (admin API, keycloak-admin-client)`);
    const kc = await adminClient(idp.url, { username: "admin", password: adminPassword });
    await kc.realms.create({ realm: REALM, enabled: true, displayName: "Bench login" });
    const webSecret = randomBytes(24).toString("base64url");
    const serviceSecret = randomBytes(24).toString("base64url");
    await kc.clients.create({
      realm: REALM,
      clientId: WEB_CLIENT,
      publicClient: false,
      secret: webSecret,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      redirectUris: [REDIRECT_URI],
      attributes: { "pkce.code.challenge.method": "S256" },
    });
    await kc.clients.create({
      realm: REALM,
      clientId: SERVICE_CLIENT,
      publicClient: false,
      secret: serviceSecret,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: true,
    });
    const users = Array.from({ length: USERS }, (_, i) => ({ username: `user-${String(i + 1).padStart(4, "0")}`, password: randomBytes(12).toString("base64url") }));
    const userStart = performance.now();
    let nextUser = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = nextUser++; i < users.length; i = nextUser++) {
          const u = users[i]!;
          await kc.users.create({
            realm: REALM,
            username: u.username,
            email: `${u.username}@bench.example`,
            firstName: "Bench",
            lastName: u.username,
            enabled: true,
            emailVerified: true,
            credentials: [{ type: "password", value: u.password, temporary: false }],
          });
        }
      }),
    );
    console.log(`  ${USERS} users created in ${fmtSeconds(performance.now() - userStart)} (each password hashed with argon2id on the pinned core)`);
    const setup: Setup = { idpUrl: idp.url, webSecret, serviceSecret, users };

    // Sanity: one of each, unmeasured.
    await passwordLogin(setup, users[0]!, null);
    await clientCredentials(setup);

    // ── pin the load generator and PostgreSQL off the identity server's core ──
    const pgPids = postgresProcesses(pgDir);
    const pinnedSelf = pin(process.pid, loadCpu);
    let pinnedPg = 0;
    if (cpus >= 2) for (const pid of pgPids) if (pin(pid, loadCpu)) pinnedPg += 1;
    console.log(
      cpus >= 2
        ? `  CPU ${IDP_CPU}: the identity server (nothing else of this run). CPU ${loadCpu}: this process (load generator, ${pinnedSelf ? "pinned" : "NOT pinned"}) and PostgreSQL (${pinnedPg} of ${pgPids.length} processes pinned; new backends inherit it).\n  Other processes on the machine are not kept off CPU ${IDP_CPU}: compare the identity server's CPU share below with 100%.`
        : `  only one CPU: the identity server shares it with the load generator and PostgreSQL; the figures understate one core.`,
    );

    // ── argon2id on this machine ──
    const digest = await argon2Hash("bench-password-reference", ARGON2_PARAMS);
    const argonTimes: number[] = [];
    for (let i = 0; i < ARGON2_SAMPLES; i++) {
      const t = performance.now();
      await argon2Verify(digest, "bench-password-reference");
      argonTimes.push(performance.now() - t);
    }
    const argonMs = median(argonTimes);

    const idpPids = [idp.pid];
    /** Warm-up, then the measured run with the CPU time each party used during it. */
    const measure = async (label: string, op: (w: number, i: number) => Promise<void>, measuring?: (on: boolean) => void) => {
      ctx.progress(`${label}: warm-up ${fmtSeconds(WARMUP_MS)}, ${WORKERS} workers`);
      await closedLoop(WORKERS, WARMUP_MS, op);
      ctx.progress(`${label}: measuring ${fmtSeconds(RUN_MS)}, ${WORKERS} workers (${machineLoad()})`);
      measuring?.(true);
      const idpCpu = cpuSnapshot(idpPids);
      const pgCpu = cpuSnapshot(postgresProcesses(pgDir));
      const selfCpu = process.cpuUsage();
      const result = await closedLoop(WORKERS, RUN_MS, op);
      const self = process.cpuUsage(selfCpu);
      measuring?.(false);
      return {
        result,
        idpCpu: cpuSince(idpCpu) / result.elapsedMs,
        pgCpu: cpuSince(pgCpu) / result.elapsedMs,
        selfCpu: (self.user + self.system) / 1_000 / result.elapsedMs,
      };
    };

    // Phase times are collected only while measuring.
    const phases: LoginPhases = { authorize: [], submit: [], token: [] };
    let collect = false;
    const logins = await measure(
      "password logins",
      (w, i) => passwordLogin(setup, users[(w * 13 + i) % users.length]!, collect ? phases : null),
      (on) => {
        collect = on;
      },
    );
    const grants = await measure("client-credentials grants", () => clientCredentials(setup));

    restoreAffinity();
    unregisterAffinity();

    // ── report ──
    subheading(`Identity server on one core (CPU ${IDP_CPU}), closed loop: ${WORKERS} workers, ${fmtSeconds(WARMUP_MS)} warm-up, then ${fmtSeconds(RUN_MS)}`);
    const rows = [
      { label: "password login (browser flow)", m: logins, ref: KEYCLOAK_LOGINS_PER_VCPU },
      { label: "client-credentials grant", m: grants, ref: KEYCLOAK_CC_PER_VCPU },
    ].map(({ label, m, ref }) => {
      const perSecond = m.result.completed / (m.result.elapsedMs / 1_000);
      const s = summarize(m.result.latencies);
      const errors = [...m.result.errors.values()].reduce((a, b) => a + b, 0);
      return [
        label,
        fmtInt(m.result.completed),
        perSecond.toFixed(1),
        fmtMs(s.p50),
        fmtMs(s.p99),
        fmtInt(errors),
        `${Math.round(m.idpCpu * 100)}% / ${Math.round(m.pgCpu * 100)}% / ${Math.round(m.selfCpu * 100)}%`,
        `${ref}/s per vCPU`,
        verdict(errors === 0 && perSecond >= ref),
      ];
    });
    printTable(["test", "completed", "per s", "p50 ms", "p99 ms", "errors", "CPU idp / PG / load", "Keycloak", "result"], rows);
    for (const [label, m] of [
      ["password login", logins],
      ["client credentials", grants],
    ] as const) {
      for (const [message, count] of [...m.result.errors.entries()].slice(0, 3)) console.log(`  ${label} error ×${count}: ${message}`);
    }
    console.log(`  password login = GET the authorization endpoint (code + PKCE S256) → redirect to the login page (200) → POST username, password and CSRF token →`);
    console.log(`    redirects (login, then automatic consent) until the redirect to ${REDIRECT_URI}?code=… → POST the code to the token endpoint (200, access + ID token).`);
    console.log(`    A fresh cookie jar each time, so every login checks the password. Medians: authorize → login page ${fmtMs(median(phases.authorize))} ms,`);
    console.log(`    form POST → code ${fmtMs(median(phases.submit))} ms, code exchange ${fmtMs(median(phases.token))} ms. ${USERS} users, taken in turn.`);
    console.log(`  client-credentials grant = POST grant_type=client_credentials with HTTP Basic client authentication → 200 with a JWT access token.`);
    console.log(`  CPU columns: share of one core used by the identity server, PostgreSQL and this process during the measurement. Near 100% for the`);
    console.log(`  identity server means the figure is its one-core limit; well below means something else held it back (other work on CPU ${IDP_CPU}, or the load).`);
    console.log(`  Machine during the run: ${machineLoad()} (this run's own load is about 2).`);

    subheading("Password hashing");
    console.log(
      `  argon2id in use (idp/config.ts ARGON2_PARAMS): m = ${fmtInt(ARGON2_PARAMS.memoryCost)} KiB (${(ARGON2_PARAMS.memoryCost / 1_024).toFixed(0)} MiB), t = ${ARGON2_PARAMS.timeCost}, p = ${ARGON2_PARAMS.parallelism}`,
    );
    console.log(
      `  one verification here: ${fmtMs(argonMs)} ms (median of ${ARGON2_SAMPLES}, on CPU ${loadCpu}) → hashing alone allows at most ${(1_000 / argonMs).toFixed(1)} logins/s per core`,
    );
    console.log(
      `  Keycloak's default argon2id: m = ${fmtInt(KEYCLOAK_ARGON2.memoryKiB)} KiB, t = ${KEYCLOAK_ARGON2.iterations}, p = ${KEYCLOAK_ARGON2.parallelism} (m·t = ${fmtInt(KEYCLOAK_ARGON2.memoryKiB * KEYCLOAK_ARGON2.iterations)} KiB vs ${fmtInt(ARGON2_PARAMS.memoryCost * ARGON2_PARAMS.timeCost)} KiB here)`,
    );

    subheading("Reference: Keycloak's sizing guide");
    console.log(`  "Concepts for sizing CPU and memory resources" (Keycloak 26): 1 vCPU per ${KEYCLOAK_LOGINS_PER_VCPU} password-based user logins/s (tested up to 300/s;`);
    console.log(`  most of the CPU time goes into hashing the password) and 1 vCPU per ${KEYCLOAK_CC_PER_VCPU} client-credentials grants/s (tested up to 2,000/s;`);
    console.log(`  most of that CPU time is TLS handshakes, each client making a single request). Here: plain HTTP on loopback with keep-alive, no TLS,`);
    console.log(`  so the client-credentials comparison flatters the identity server; the password-login one is dominated by argon2id on both.`);
  } finally {
    restoreAffinity();
    unregisterAffinity();
    ctx.progress("stopping the identity server");
    await idp.stop();
    unregister();
    const out = idp.output();
    if (out.length) {
      console.log(`  identity server output (LOG_LEVEL=warn), last lines:`);
      for (const line of out.slice(-5)) console.log(`    | ${line.length > 240 ? `${line.slice(0, 240)}…` : line}`);
    }
  }
}

export const loginThroughput: Benchmark = {
  name: "login-throughput",
  title: "Login throughput of the embedded identity server on one core",
  run,
};
