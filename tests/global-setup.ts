// Starts the real embedded PostgreSQL for the integration tests (its own cluster under
// .data/test, never the development one), resets the test databases and migrates the control plane.
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { databaseUrl, quoteIdent } from "@/lib/db/urls";

const CONTROL = "gatehouse_test";

export default async function setup(): Promise<() => Promise<void>> {
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
  process.env.GATEHOUSE_TEST_CLUSTER_URL = server.clusterUrl;
  process.env.LOG_LEVEL ??= "silent";
  process.env.GATEHOUSE_SECRET_KEY ??= randomBytes(32).toString("base64");
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME ??= "superadmin";
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD ??= "test-superadmin-password";

  // The real embedded identity server, driven through the Keycloak adapter by the tests.
  const { startEmbeddedIdentity } = await import("@/lib/identity/embedded");
  const identity = await startEmbeddedIdentity({ clusterUrl: server.clusterUrl, port: Number(process.env.GATEHOUSE_TEST_IDP_PORT ?? 8181) });
  Object.assign(process.env, identity.env);

  const { migrate } = await import("@/lib/db/migrate");
  const { ensureBootstrapRecords } = await import("@/lib/tenants/bootstrap");
  const { controlDb } = await import("@/lib/db/control");
  await migrate("control", process.env.DATABASE_URL);
  await ensureBootstrapRecords();
  await controlDb().$disconnect();

  return async () => {
    await identity.server.close();
    if (server.startedHere) await server.stop();
  };
}
