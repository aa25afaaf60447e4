import pg from "pg";
import { env, requireDatabaseUrl } from "@/lib/config/env";
import { quoteIdent } from "@/lib/db/urls";

// Two database roles. DATABASE_URL's owns the schema: it runs the migrations and creates, drops and
// grants. GATEHOUSE_APP_DATABASE_URL's runs every query of the app and holds only the DML it needs,
// so a query that goes wrong (or is made to) cannot rewrite the audit trail: on the audit tables it
// may INSERT and SELECT, nothing else, and as it owns nothing it cannot ALTER or DROP a table or
// trigger. Without the second URL both are DATABASE_URL's role, as before.

/** Schemas whose databases the app's role queries (the embedded identity server keeps its own login). */
export type AppSchemaKind = "control" | "tenant";

/** Tables whose rows the app may add and read but never change or remove. */
const APPEND_ONLY_TABLES: Record<AppSchemaKind, string[]> = {
  control: ["platform_audit_events"],
  tenant: ["audit_events"],
};

/** The login the app's queries use on the control database. */
export function appDatabaseUrl(): string {
  return env().GATEHOUSE_APP_DATABASE_URL ?? requireDatabaseUrl();
}

function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** The app's own role, or null when its queries run as DATABASE_URL's role. */
export function appRole(): string | null {
  const configured = env().GATEHOUSE_APP_DATABASE_URL;
  if (!configured) return null;
  const role = userOf(configured);
  return role && role !== userOf(requireDatabaseUrl()) ? role : null;
}

/** Why the audit tables are not protected from the app's role, or null when they are. */
export function appRoleWarning(): string | null {
  if (appRole()) return null;
  const reason = env().GATEHOUSE_APP_DATABASE_URL ? "GATEHOUSE_APP_DATABASE_URL names the same role as DATABASE_URL" : "GATEHOUSE_APP_DATABASE_URL is not set";
  return `${reason}: the app's queries run as the schema owner, which could drop the audit tables' append-only triggers. Give the app a role of its own (docs/security.md, "The audit trail is out of the app's reach").`;
}

/**
 * The app's login on the cluster of `ownerUrl` (a tenant's dedicated cluster): the same host,
 * database and options, with the app role's user and password.
 */
export function asAppRole(ownerUrl: string): string {
  const configured = env().GATEHOUSE_APP_DATABASE_URL;
  if (!configured || !appRole()) return ownerUrl;
  const app = new URL(configured);
  const url = new URL(ownerUrl);
  url.username = app.username;
  url.password = app.password;
  return url.toString();
}

// Concurrent GRANTs on one table fail ("tuple concurrently updated"); processes migrating at once take turns.
const GRANT_LOCK = 0x6772_6e74; // "grnt"

/**
 * Gives the app's role exactly its privileges in the database at `ownerUrl` (connected as the
 * owner): DML on every table, read-only on the migrations table, INSERT and SELECT on the audit
 * tables; whatever it held before is revoked first. Idempotent; runs after every migration run, so
 * tables a later migration adds are covered too.
 */
export async function grantAppRole(kind: AppSchemaKind, ownerUrl: string): Promise<void> {
  const role = appRole();
  if (!role) return;
  const r = quoteIdent(role);
  const client = new pg.Client({ connectionString: ownerUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [GRANT_LOCK]);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE ON pgmigrations FROM ${r}`);
    for (const table of APPEND_ONLY_TABLES[kind]) await client.query(`REVOKE UPDATE, DELETE ON ${quoteIdent(table)} FROM ${r}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
