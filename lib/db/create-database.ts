import pg from "pg";
import { quoteIdent } from "@/lib/db/urls";

/** CREATE DATABASE `name` on the cluster of `clusterUrl` unless it exists; safe to race. Returns true if created. */
export async function ensureDatabase(clusterUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: clusterUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {}); // a dropped connection surfaces as the failing query's error instead
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "42P04") return false; // duplicate_database: created meanwhile
      throw error;
    }
  } finally {
    await client.end().catch(() => {});
  }
}
