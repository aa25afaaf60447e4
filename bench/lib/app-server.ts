// Builds (when needed), starts and stops the app with `scripts/serve.ts start`, and talks HTTP to it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

export interface AppServer {
  port: number;
  /** Milliseconds from spawn until /healthz answered 200. */
  startupMs: number;
  /** Last lines the app wrote (stdout and stderr), and how many it wrote in all. */
  output(): { lines: number; tail: string[] };
  stop(): Promise<void>;
}

export interface BuildInfo {
  built: boolean;
  buildId: string;
  builtAt: Date;
  ms: number;
}

/** Runs `next build` only when there is no `.next/BUILD_ID`. */
export function ensureBuild(root: string, progress: (m: string) => void): BuildInfo {
  const idFile = path.join(root, ".next", "BUILD_ID");
  let built = false;
  const start = Date.now();
  if (!fs.existsSync(idFile)) {
    progress("no .next/BUILD_ID: running next build (output on stderr)");
    const result = spawnSync(process.execPath, [path.join(root, "node_modules", ".bin", "next"), "build"], {
      cwd: root,
      stdio: ["ignore", 2, 2],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
    built = true;
  }
  return { built, buildId: fs.readFileSync(idFile, "utf8").trim(), builtAt: fs.statSync(idFile).mtime, ms: Date.now() - start };
}

const SOURCE_ROOTS = ["app", "components", "lib", "idp", "proxy.ts", "instrumentation.ts", "next.config.ts"];

/** Source files (not tests) changed after `since`: a hint that `.next` is older than the code. */
export function sourcesNewerThan(root: string, since: Date): { count: number; newest: Date | null } {
  let count = 0;
  let newest: Date | null = null;
  const visit = (file: string) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
      return;
    }
    if (!/\.(ts|tsx|css)$/.test(file) || /\.test\.tsx?$/.test(file)) return;
    if (stat.mtime > since) {
      count += 1;
      if (!newest || stat.mtime > newest) newest = stat.mtime;
    }
  };
  for (const entry of SOURCE_ROOTS) visit(path.join(root, entry));
  return { count, newest };
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One GET to 127.0.0.1:<port> with the given Host header, on a fresh connection. */
export function httpGet(port: number, host: string, pathname: string, timeoutMs = 30_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: "GET", headers: { host }, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${host}${pathname} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group: serve.ts and the next server it spawned
  } catch {
    // already gone
  }
}

/**
 * Starts `scripts/serve.ts start` in its own process group and waits (at most `timeoutMs`) for
 * /healthz to answer 200.
 */
export async function startApp(options: {
  root: string;
  port: number;
  env: Record<string, string>;
  /** Variables of this process not to pass on. */
  unsetEnv?: string[];
  timeoutMs?: number;
}): Promise<AppServer> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env, PORT: String(options.port) };
  for (const name of options.unsetEnv ?? []) delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "serve.ts"), "start"], {
    cwd: options.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });

  const tail: string[] = [];
  let lines = 0;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      lines += 1;
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const stop = async () => {
    if (exited(child)) return;
    killGroup(child, "SIGTERM");
    if (!(await waitForExit(child, 15_000))) {
      killGroup(child, "SIGKILL");
      await waitForExit(child, 5_000);
    }
  };

  const deadline = started + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (exited(child)) throw new Error(`the app exited during startup (code ${child.exitCode ?? child.signalCode}):\n${tail.join("\n")}`);
    const ok = await httpGet(options.port, `127.0.0.1:${options.port}`, "/healthz", 5_000).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer /healthz within ${options.timeoutMs ?? 180_000} ms:\n${tail.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return { port: options.port, startupMs: Date.now() - started, output: () => ({ lines, tail: [...tail] }), stop };
}
