// `npm test`'s API fuzzing step: schemathesis (PyPI, pinned; .cache/schemathesis) sends generated
// valid and invalid requests to every documented operation of both hosts of a production server
// (`scripts/serve.ts start`, started here): the workspace's operations on a tenant's host with an
// API key of every scope, the platform's on the console host with a platform key of every scope.
// It fails on any 5xx, any status, content type or body the OpenAPI document does not describe,
// and any refused write that changed something (tests/fuzz/hooks.py). Bounded by
// FUZZ_MAX_EXAMPLES cases per operation and phase (default 25); a host whose run takes longer than
// FUZZ_MAX_SECONDS (600) fails.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { freePort } from "@/lib/net/free-port";
import { TEST_APP_COMMAND, testAppEnv } from "./test-app";

const SCHEMATHESIS = path.resolve(".cache", "schemathesis", "bin", "schemathesis");
const TENANT_KEY = "fuzz";
const port = Number(process.env.FUZZ_PORT ?? (await freePort()));
const idpPort = Number(process.env.FUZZ_IDP_PORT ?? (await freePort()));
const pgPort = Number(process.env.FUZZ_PG_PORT ?? (await freePort()));
const dataDir = process.env.FUZZ_DATA_DIR ?? path.join(".data", "fuzz");
const maxExamples = process.env.FUZZ_MAX_EXAMPLES ?? "25";
const maxSeconds = process.env.FUZZ_MAX_SECONDS ?? "600";
const origin = `http://127.0.0.1:${port}`;
const hostOf = (sub: string) => `${sub}.localhost:${port}`;
const reportDir = path.join(".data", "fuzz-report");

if (!fs.existsSync(SCHEMATHESIS)) {
  console.error(`✖ ${SCHEMATHESIS} is missing: .ci/run installs it (python3 -m venv .cache/schemathesis && .cache/schemathesis/bin/pip install -r tests/fuzz/requirements.txt).`);
  process.exit(1);
}

fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(reportDir, { recursive: true, force: true });
const appEnv: Record<string, string> = {
  ...testAppEnv({ port, idpPort, pgPort, dataDir, identity: "embedded" }),
  // The fuzzer sends thousands of requests a minute from one key: the limits would answer most of them 429.
  GATEHOUSE_RATE_LIMIT_PER_ADDRESS: "0",
  GATEHOUSE_RATE_LIMIT_PER_CALLER: "0",
  GATEHOUSE_RATE_LIMIT_PER_TENANT: "0",
  // Domain checks ask a port on this machine where nothing answers, never the network.
  GATEHOUSE_DNS_SERVERS: `127.0.0.1:${await freePort()}`,
  GATEHOUSE_QUIET: "1",
};
const server = spawn("sh", ["-c", `exec ${TEST_APP_COMMAND}`], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...appEnv }, detached: true });
let failed = false;
try {
  await waitForReady(server);
  const keys = await seed();
  const document = path.join(reportDir, "openapi.json");
  fs.mkdirSync(reportDir, { recursive: true });
  fs.writeFileSync(document, (await call("GET", hostOf(TENANT_KEY), "/api/v1/openapi.json")).body);
  // The workspace host first: the console's lifecycle and access operations may then lock the tenant out.
  failed = !(await fuzz("workspace", hostOf(TENANT_KEY), keys.tenant, operationsFor(document, "apiKey"), document, keys, `/api/v1/tenants/${TENANT_KEY}/api-keys`));
  failed = !(await fuzz("console", hostOf("console"), keys.platform, operationsFor(document, "platformKey"), document, keys, "/api/v1/customers")) || failed;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await stop(server);
}
if (failed) {
  console.error(`\n✖ API fuzzing found failures (reports in ${reportDir}; replay a case with the curl line shown)`);
  process.exit(1);
}
console.log("\n✔ API fuzzing: no 5xx, every response as documented, no refused write changed anything");
process.exit(0);

/**
 * The operations a host serves to a key, as a regex of operation ids: those whose security names
 * the scheme (`apiKey`: a workspace's; `platformKey`: the console's), and those open to anyone.
 */
function operationsFor(document: string, scheme: "apiKey" | "platformKey"): string {
  type Operation = { operationId: string; security?: Record<string, string[]>[] };
  const paths = (JSON.parse(fs.readFileSync(document, "utf8")) as { paths: Record<string, Record<string, Operation>> }).paths;
  const ids = Object.values(paths)
    .flatMap((operations) => Object.values(operations))
    .filter((op) => !op.security?.length || op.security.some((requirement) => scheme in requirement))
    .map((op) => op.operationId);
  return `^(${ids.join("|")})$`;
}

/**
 * One schemathesis run over the operations of one host; true when it found nothing and its key
 * still works at the end (`probe` answers 200): a run whose key was revoked midway tested nothing.
 */
async function fuzz(name: string, host: string, secret: string, operations: string, document: string, keys: Keys, probe: string): Promise<boolean> {
  console.log(`\n▶ fuzzing the ${name} host (${host})`);
  const result = spawnSync(
    SCHEMATHESIS,
    [
      "--config-file",
      path.join("tests", "fuzz", "schemathesis.toml"),
      "run",
      document,
      "--url",
      origin,
      "--include-operation-id-regex",
      operations,
      "--header",
      `Host: ${host}`,
      "--header",
      `Authorization: Bearer ${secret}`,
      "--max-examples",
      maxExamples,
      "--report",
      "junit",
      "--report-junit-path",
      path.join(reportDir, `${name}.xml`),
    ],
    {
      stdio: "inherit",
      // schemathesis' own --max-time would keep fuzzing until it is spent; this only stops a run that hangs.
      timeout: Number(maxSeconds) * 1000,
      killSignal: "SIGKILL",
      env: {
        ...process.env,
        SCHEMATHESIS_HOOKS: "tests.fuzz.hooks",
        PYTHONPATH: process.cwd(),
        FUZZ_ORIGIN: origin,
        FUZZ_TENANT_HOST: hostOf(TENANT_KEY),
        FUZZ_TENANT_KEY: TENANT_KEY,
        FUZZ_TENANT_SECRET: keys.tenant,
        FUZZ_TENANT_KEY_ID: keys.tenantKeyId,
        FUZZ_CONSOLE_HOST: hostOf("console"),
        FUZZ_PLATFORM_SECRET: keys.platform,
      },
    },
  );
  if (result.error || result.signal) console.error(`✖ schemathesis on the ${name} host did not finish within ${maxSeconds} s (FUZZ_MAX_SECONDS)`);
  const after = await call("GET", host, probe, secret);
  if (after.status !== 200) console.error(`✖ after fuzzing the ${name} host its key no longer works (${after.status} ${after.body})`);
  return result.status === 0 && after.status === 200;
}

/** The run's two keys: the tenant's (every workspace scope) and the platform's (every platform scope). */
interface Keys {
  tenant: string;
  tenantKeyId: string;
  platform: string;
}

/**
 * A platform key of every platform scope (minted in the root tenant's database, as the console's
 * form does), a dedicated tenant onboarded through the console's API with it, a key of every
 * workspace scope in that tenant, and one user the document's examples name.
 */
async function seed(): Promise<Keys> {
  const { localDatabase } = await import("@/lib/db/local-cluster");
  const { localSecretKey } = await import("@/lib/secrets/local-key");
  process.env.DATABASE_URL = (await localDatabase({ dataDir, port: pgPort })).url;
  process.env.GATEHOUSE_SECRET_KEY = localSecretKey(dataDir).key;
  process.env.GATEHOUSE_BASE_URL = `http://localhost:${port}`;
  const { controlDb } = await import("@/lib/db/control");
  const { createApiKey, createPlatformApiKey } = await import("@/lib/api-keys/service");
  const { createApiKeySchema, createPlatformApiKeySchema } = await import("@/lib/api-keys/schema");
  const { API_KEY_SCOPES } = await import("@/lib/api-keys/scopes");
  const { PLATFORM_SCOPES } = await import("@/lib/permissions/platform");
  const { SUPERADMIN_PRINCIPAL } = await import("@/lib/permissions/permissions");
  const { businessCustomer } = await import("@/tests/support/fixtures");
  const { closeTenantDbs } = await import("@/lib/db/tenant-clients");
  const actor = { actor: "fuzz-setup", ip: "127.0.0.1", userAgent: "scripts/fuzz.ts" };
  const fields = { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true } as const;

  const root = await controlDb().tenant.findFirstOrThrow({ where: { kind: "root" }, select: fields });
  const platform = await createPlatformApiKey(root, createPlatformApiKeySchema.parse({ name: "fuzz", scopes: [...PLATFORM_SCOPES] }), actor);
  const created = await call("POST", hostOf("console"), "/api/v1/customers", platform.secret, businessCustomer({ tenantKey: TENANT_KEY }));
  if (created.status !== 201) throw new Error(`onboarding the fuzz tenant: ${created.status} ${created.body}`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const tenant = JSON.parse((await call("GET", hostOf("console"), `/api/v1/tenants/${TENANT_KEY}`, platform.secret)).body) as { status?: string };
    if (tenant.status === "active") break;
    if (Date.now() > deadline) throw new Error(`the fuzz tenant did not become active: ${JSON.stringify(tenant)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { key: TENANT_KEY }, select: fields });
  const workspace = await createApiKey(tenant, SUPERADMIN_PRINCIPAL, createApiKeySchema.parse({ name: "fuzz", scopes: [...API_KEY_SCOPES] }), actor);
  const user = await call("POST", hostOf(TENANT_KEY), `/api/v1/tenants/${TENANT_KEY}/users`, workspace.secret, {
    username: "asha.rao",
    email: "asha.rao@fuzz.example",
    firstName: "Asha",
    lastName: "Rao",
    passwordMode: "none",
  });
  if (user.status !== 201) throw new Error(`creating the example user: ${user.status} ${user.body}`);
  await closeTenantDbs();
  await controlDb().$disconnect();
  return { tenant: workspace.secret, tenantKeyId: workspace.key.id, platform: platform.secret };
}

/** A request to the app with a Host header of our choosing (fetch would send the URL's). */
function call(method: string, host: string, url: string, secret?: string, body?: unknown): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { host, ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...(payload ? { "content-type": "application/json" } : {}) };
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method, path: url, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    request.end(payload);
  });
}

async function waitForReady(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before it was ready`);
    const ready = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the app was not ready within 180 s");
}

/** SIGTERM to the launcher (it stops the identity server and PostgreSQL it started), then waits for it. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(child.pid, "SIGTERM");
  const timeout = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 40_000);
  await exited;
  clearTimeout(timeout);
}
