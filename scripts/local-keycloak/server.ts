import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dropDatabase, ensureDatabase } from "@/lib/db/create-database";
import { findJava, type JavaRuntime } from "@/scripts/local-keycloak/java";
import { installKeycloak, type KeycloakInstall } from "@/scripts/local-keycloak/install";
import { processAlive } from "@/lib/server/process-alive";
import { freePort } from "@/lib/net/free-port";
import { readSection } from "@/lib/config/env";

export const KEYCLOAK_DATABASE = "gatehouse_keycloak";

export interface LocalKeycloakOptions {
  /** PostgreSQL cluster (superuser or CREATEDB role) whose `gatehouse_keycloak` database Keycloak uses. */
  clusterUrl: string;
  /** Where the server's log and its pid file go (e.g. `.data/keycloak`). */
  stateDir: string;
  /** Where Keycloak is installed (e.g. `.cache/keycloak`), reused between runs. */
  cacheDir: string;
  /** HTTP port; 0 or unset: a free one. */
  port?: number;
  /** The master realm's bootstrap admin (a user) and a bootstrap service-account client. */
  admin: { username: string; password: string; clientId?: string; clientSecret?: string };
  /** JVM heap flags (JAVA_OPTS_KC_HEAP); default `-Xms64m -Xmx1g`. */
  heap?: string;
  /** Start on an empty database (the tests): a server left running is stopped, its data dropped. */
  freshDatabase?: boolean;
  /** Seconds to wait for the server to become ready; default 240. */
  readyTimeoutSeconds?: number;
}

export interface RunningKeycloak {
  /** Browser-facing and admin URL, `http://localhost:<port>`. */
  url: string;
  port: number;
  managementPort: number;
  version: string;
  java: JavaRuntime;
  /** JVM flags it runs with, as the benchmarks report them. */
  jvmFlags: string;
  /** False when a server an earlier, killed run left behind was reused. */
  startedHere: boolean;
  pid: number;
  /** The app's environment for driving this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

interface PidFile {
  pid: number;
  port: number;
  managementPort: number;
  version: string;
}

async function ready(managementPort: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${managementPort}/health/ready`, { signal: AbortSignal.timeout(3_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The JDBC form of a PostgreSQL URL for one of its databases, with the credentials apart. */
function jdbc(clusterUrl: string, database: string): { url: string; username: string; password: string } {
  const url = new URL(clusterUrl);
  const query = url.search;
  return {
    url: `jdbc:postgresql://${url.hostname === "localhost" ? "127.0.0.1" : url.hostname}:${url.port || 5432}/${database}${query}`,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** Signals the server's process group and waits for it to go (SIGKILL after 30 s). */
async function terminate(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      try {
        process.kill(pid, name);
      } catch {
        /* gone */
      }
    }
  };
  signal("SIGTERM");
  for (let waited = 0; processAlive(pid) && waited < 30_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
  if (processAlive(pid)) signal("SIGKILL");
}

function envFor(url: string, admin: LocalKeycloakOptions["admin"]): Record<string, string> {
  return {
    KEYCLOAK_URL: url,
    KEYCLOAK_ADMIN_USERNAME: admin.username,
    KEYCLOAK_ADMIN_PASSWORD: admin.password,
    ...(admin.clientId && admin.clientSecret ? { KEYCLOAK_ADMIN_CLIENT_ID: admin.clientId, KEYCLOAK_ADMIN_CLIENT_SECRET: admin.clientSecret } : {}),
  };
}

/**
 * Installs (first time) and starts a real Keycloak with its data in `gatehouse_keycloak` of the
 * given cluster, on a fixed hostname (`http://localhost:<port>`; the app's server-side calls may
 * use 127.0.0.1, which the dynamic backchannel allows), with health endpoints and the master
 * realm's bootstrap admin. A server that an earlier, killed run left running is reused.
 */
export async function startLocalKeycloak(options: LocalKeycloakOptions): Promise<RunningKeycloak> {
  const java = findJava();
  const install: KeycloakInstall = await installKeycloak({ cacheDir: options.cacheDir, java });
  const stateDir = path.resolve(options.stateDir);
  fs.mkdirSync(stateDir, { recursive: true });
  const pidFile = path.join(stateDir, "keycloak.pid.json");
  const heap = options.heap ?? readSection("launcher").GATEHOUSE_KEYCLOAK_HEAP;

  const previous = fs.existsSync(pidFile) ? (JSON.parse(fs.readFileSync(pidFile, "utf8")) as PidFile) : null;
  if (previous && processAlive(previous.pid)) {
    const matches = !options.freshDatabase && previous.version === install.version && (!options.port || options.port === previous.port);
    if (matches && (await ready(previous.managementPort))) {
      const url = `http://localhost:${previous.port}`;
      return {
        url,
        port: previous.port,
        managementPort: previous.managementPort,
        version: install.version,
        java,
        jvmFlags: heap,
        startedHere: false,
        pid: previous.pid,
        env: envFor(url, options.admin),
        stop: () => terminate(previous.pid),
      };
    }
    await terminate(previous.pid);
  }
  fs.rmSync(pidFile, { force: true });

  if (options.freshDatabase) await dropDatabase(options.clusterUrl, KEYCLOAK_DATABASE);
  await ensureDatabase(options.clusterUrl, KEYCLOAK_DATABASE);
  const port = options.port || (await freePort());
  const managementPort = await freePort();
  const url = `http://localhost:${port}`;
  const db = jdbc(options.clusterUrl, KEYCLOAK_DATABASE);
  const args = [
    "start",
    "--optimized",
    "--http-enabled=true",
    "--http-host=127.0.0.1",
    `--http-port=${port}`,
    `--http-management-port=${managementPort}`,
    `--hostname=${url}`,
    "--hostname-backchannel-dynamic=true",
    `--db-url=${db.url}`,
    `--db-username=${db.username}`,
    `--db-password=${db.password}`,
    "--db-pool-max-size=20",
    // One node: two local servers (tests, dev) must never discover each other and form a cluster.
    "--cache=local",
  ];
  const logFile = path.join(stateDir, "keycloak.log");
  const log = fs.openSync(logFile, "a");
  const child = spawn(path.join(install.home, "bin", "kc.sh"), args, {
    detached: true, // its own process group: stop() ends kc.sh and the JVM together
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      JAVA_HOME: java.home,
      JAVA_OPTS_KC_HEAP: heap,
      KC_BOOTSTRAP_ADMIN_USERNAME: options.admin.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: options.admin.password,
      ...(options.admin.clientId && options.admin.clientSecret
        ? { KC_BOOTSTRAP_ADMIN_CLIENT_ID: options.admin.clientId, KC_BOOTSTRAP_ADMIN_CLIENT_SECRET: options.admin.clientSecret }
        : {}),
    },
  });
  fs.closeSync(log);
  child.unref();
  const pid = child.pid!;
  fs.writeFileSync(pidFile, JSON.stringify({ pid, port, managementPort, version: install.version } satisfies PidFile));

  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? 1));
  const deadline = Date.now() + (options.readyTimeoutSeconds ?? 240) * 1_000;
  while (!(await ready(managementPort))) {
    if (exited !== null || Date.now() > deadline) {
      if (exited === null) await terminate(pid);
      fs.rmSync(pidFile, { force: true });
      const tail = fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-25).join("\n");
      throw new Error(
        `Keycloak ${install.version} ${exited !== null ? `exited (code ${exited})` : "did not become ready in time"} on port ${port}; the last lines of ${logFile}:\n${tail}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    port,
    managementPort,
    version: install.version,
    java,
    jvmFlags: heap,
    startedHere: true,
    pid,
    env: envFor(url, options.admin),
    stop: async () => {
      await terminate(pid);
      fs.rmSync(pidFile, { force: true });
    },
  };
}
