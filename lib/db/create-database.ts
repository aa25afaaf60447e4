import pg from "pg";
import { quoteIdent } from "@/lib/db/urls";

async function withClusterClient<T>(clusterUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {}); // a dropped connection surfaces as the failing query's error instead
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** CREATE DATABASE `name` on the cluster of `clusterUrl` unless it exists; safe to race. Returns true if created. */
export function ensureDatabase(clusterUrl: string, name: string): Promise<boolean> {
  return withClusterClient(clusterUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === "42P04") return false; // duplicate_database: created meanwhile
      // The same, when the other CREATE DATABASE committed while ours was under way (e.g. the
      // statement of a process killed mid-step, which the server finishes on its own).
      if (code === "23505" && constraint === "pg_database_datname_index") return false;
      throw error;
    }
  });
}

/**
 * DROP DATABASE `name` if it exists, ending any session still connected to it (another app
 * process's pooled client, say). Safe to repeat. Returns true if it was dropped now.
 */
export function dropDatabase(clusterUrl: string, name: string): Promise<boolean> {
  return withClusterClient(clusterUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) return false;
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    return true;
  });
}

/**
 * A login role `name` with `password` and no other rights, created unless it exists (its password
 * set again if it does); safe to race.
 */
export function ensureLoginRole(clusterUrl: string, name: string, password: string): Promise<void> {
  return withClusterClient(clusterUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name]);
    const verb = rowCount ? "ALTER" : "CREATE";
    try {
      await client.query(`${verb} ROLE ${quoteIdent(name)} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
    } catch (error) {
      const { code } = error as { code?: string };
      if (code === "42710" || code === "23505") return; // duplicate_object: created meanwhile
      throw error;
    }
  });
}
