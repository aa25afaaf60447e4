// A fresh embedded PostgreSQL cluster for the benchmarks, in its own data directory and port.
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { processAlive } from "@/lib/server/process-alive";

export interface BenchCluster {
  clusterUrl: string;
  controlUrl: string;
  stop(): Promise<void>;
}

/**
 * A postmaster left running by an earlier, interrupted bench run in this (bench-owned) data
 * directory is shut down before the directory is deleted under it.
 */
async function stopLeftover(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  const text = await fs.readFile(pidFile, "utf8").catch(() => null);
  if (text === null) return;
  const pid = Number(text.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  log(`a PostgreSQL server from an earlier bench run (pid ${pid}) still uses ${pgDir}; shutting it down`);
  process.kill(pid, "SIGINT"); // fast shutdown
  const deadline = Date.now() + 30_000;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (processAlive(pid)) throw new Error(`PostgreSQL pid ${pid} in ${pgDir} did not stop; stop it and run again`);
}

/** Deletes `dataDir`, starts a new cluster in `<dataDir>/postgres` and creates the control database and the app's role. */
export async function startFreshCluster(options: { dataDir: string; port: number; log: (line: string) => void }): Promise<BenchCluster> {
  const pgDir = path.join(options.dataDir, "postgres");
  await stopLeftover(pgDir, options.log);
  await fs.rm(options.dataDir, { recursive: true, force: true });

  const { startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
  const { CONTROL_DATABASE } = await import("@/lib/db/local-cluster");
  const { databaseUrl } = await import("@/lib/db/urls");

  const server = await startEmbeddedPostgres({ dataDir: pgDir, port: options.port, databases: [CONTROL_DATABASE] });
  if (!server.startedHere) throw new Error(`port ${options.port} is served by a PostgreSQL this run did not start`);
  // The app's queries run as its own role, as in a real deployment (lib/db/app-role.ts); this
  // process's app modules and every app server a bench starts inherit it.
  process.env.GATEHOUSE_APP_DATABASE_URL = databaseUrl(server.appClusterUrl, CONTROL_DATABASE);
  return { clusterUrl: server.clusterUrl, controlUrl: databaseUrl(server.clusterUrl, CONTROL_DATABASE), stop: () => server.stop() };
}

/** Runs `fn` with a single connection to `url`, closed afterwards. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a dropped connection fails the query in flight; nothing to add
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
