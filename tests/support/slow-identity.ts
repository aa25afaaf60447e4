// A slow identity server, for real: the embedded identity server keeps its data in PostgreSQL
// (database gatehouse_idp), so holding a lock there makes its admin writes wait, as Keycloak's do
// under load. Nothing is faked — the request reaches the real server and completes once the lock
// is released. With it a test can look at what Gatehouse holds open while an identity call is in
// flight (pg_stat_activity).
import pg from "pg";
import { databaseUrl } from "@/lib/db/urls";
import { clusterUrl, waitFor } from "@/tests/support/cluster";

/** The embedded identity server's database (scripts/embedded-identity.ts). */
const IDP_DATABASE = "gatehouse_idp";

export interface IdentityHold {
  /** Resolves once an identity-server query is waiting for the held lock. */
  blocked(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Holds `lockSql` (run inside a transaction in the identity server's database) until released:
 * e.g. `LOCK TABLE credentials IN SHARE MODE` (password writes wait) or
 * `SELECT 1 FROM realms WHERE name = 'x' FOR UPDATE` (that realm's updates wait).
 */
export async function holdIdentityWrites(lockSql: string, params: unknown[] = []): Promise<IdentityHold> {
  const client = new pg.Client({ connectionString: databaseUrl(clusterUrl(), IDP_DATABASE) });
  await client.connect();
  await client.query("BEGIN");
  await client.query(lockSql, params);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const holder = rows[0]!.pid;
  let released = false;
  return {
    blocked: async () => {
      await waitFor(async () => {
        const waiting = await client.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND $2 = ANY(pg_blocking_pids(pid))", [
          IDP_DATABASE,
          holder,
        ]);
        return (waiting.rowCount ?? 0) > 0;
      }, "the identity server to wait for the held lock");
    },
    release: async () => {
      if (released) return;
      released = true;
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

/** Sessions on `database` (other than the asker's) that sit in an open transaction. */
export async function openTransactions(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: clusterUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND xact_start IS NOT NULL AND state <> 'active' AND pid <> pg_backend_pid()",
      [database],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * These holds lock rows in the embedded identity server's own database, so the tests that use
 * them run on the embedded server only (in the "keycloak" project they report as skipped).
 */
export const holdsUnavailable = Boolean(process.env.KEYCLOAK_URL);
