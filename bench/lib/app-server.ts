// Builds (into .next-bench, whenever the sources changed), starts and stops the app with `scripts/serve.ts start`, and talks HTTP to it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { BenchContext } from "./context";

export interface AppServer {
  port: number;
  /** Milliseconds from spawn until /healthz answered 200. */
  startupMs: number;
  /** Last lines the app wrote (stdout and stderr), and how many it wrote in all. */
  output(): { lines: number; tail: string[] };
  stop(): Promise<void>;
}

export interface BuildInfo {
  /** True when this call ran `next build`. */
  built: boolean;
  /** Why it built (or "up to date"). */
  reason: string;
  buildId: string;
  builtAt: Date;
  ms: number;
  /** The build's folder, relative to the root (GATEHOUSE_NEXT_DIST_DIR). */
  distDir: string;
  /** Source files changed while the build ran: the build may not contain them. */
  changedDuringBuild: number;
}

/**
 * The bench's own build folder: `next build` and the app started by the bench use it through
 * GATEHOUSE_NEXT_DIST_DIR (next.config.ts), so neither a developer's `.next` nor the test run's
 * `.next-test` is touched. BENCH_DIST_DIR chooses another folder (it must be in tsconfig's exclude).
 */
export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";
// Written by ensureBuild after a build, dated to when the build started: sources newer than it may
// be missing from the build. (BUILD_ID is written at the end, so an edit made during the build
// would hide behind it.)
const BUILD_STARTED_MARKER = "bench-build-started";

/**
 * Runs `next build` into {@link BENCH_DIST_DIR} when there is no build there or when any source
 * file of the app changed after the last build started, so the app always serves the current code.
 */
export function ensureBuild(root: string, progress: (m: string) => void): BuildInfo {
  const distDir = path.join(root, BENCH_DIST_DIR);
  const idFile = path.join(distDir, "BUILD_ID");
  const marker = path.join(distDir, BUILD_STARTED_MARKER);
  const start = Date.now();

  let reason = "up to date";
  let built = false;
  let changedDuringBuild = 0;
  const idStat = fs.statSync(idFile, { throwIfNoEntry: false });
  const since = idStat ? (fs.statSync(marker, { throwIfNoEntry: false })?.mtime ?? idStat.mtime) : null;
  const stale = since ? sourcesNewerThan(root, since) : null;
  if (!idStat) reason = `no ${BENCH_DIST_DIR}/BUILD_ID`;
  else if (stale && stale.count > 0) reason = `${stale.count} source files changed after the last build started (newest ${stale.newest?.toISOString() ?? "?"})`;

  if (reason !== "up to date") {
    progress(`${reason}: running next build (compile, then generate; no type check) into ${BENCH_DIST_DIR}, its output on stderr`);
    fs.rmSync(idFile, { force: true }); // a failed build must not leave the old id looking current
    const buildStart = new Date();
    // Two phases: compile, then generate (prerender). A plain `next build` would also type-check
    // the whole project, including other build folders' generated types, so a half-finished edit
    // anywhere in the tree would stop the bench; and that check rewrites tsconfig.json and
    // next-env.d.ts, which belong to the project. These two modes touch neither. Type errors are
    // `npm test`'s business; the built code is the same.
    const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
    for (const mode of ["compile", "generate"] as const) {
      const result = spawnSync(process.execPath, [next, "build", `--experimental-build-mode=${mode}`], {
        cwd: root,
        stdio: ["ignore", 2, 2],
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", GATEHOUSE_NEXT_DIST_DIR: BENCH_DIST_DIR },
        timeout: 15 * 60_000,
      });
      if (result.status !== 0) {
        throw new Error(`next build --experimental-build-mode=${mode} failed (exit ${result.status ?? result.signal ?? "?"}${result.error ? `, ${result.error.message}` : ""})`);
      }
    }
    // The route types next build generated are for type checking only. tsconfig.json includes
    // every **/*.ts not excluded, and .next-bench is not excluded, so they would join the project's
    // own `tsc` runs and break them as soon as a page they name is renamed or deleted.
    fs.rmSync(path.join(distDir, "types"), { recursive: true, force: true });
    // next build empties its folder first, so the marker is written afterwards, dated to the start.
    fs.writeFileSync(marker, buildStart.toISOString());
    fs.utimesSync(marker, buildStart, buildStart);
    built = true;
    changedDuringBuild = sourcesNewerThan(root, buildStart).count;
  }
  return {
    built,
    reason,
    buildId: fs.readFileSync(idFile, "utf8").trim(),
    builtAt: fs.statSync(idFile).mtime,
    ms: Date.now() - start,
    distDir: BENCH_DIST_DIR,
    changedDuringBuild,
  };
}

// What the Next build is made of (shared/ too: the app imports it). Not idp/ or scripts/: serve.ts runs those from source (tsx).
const SOURCE_ROOTS = ["app", "components", "lib", "shared", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

/** Source files (not tests) changed after `since`. */
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
    if (!/\.(ts|tsx|css|mjs|json)$/.test(file) || /\.test\.tsx?$/.test(file)) return;
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
  location: string | null;
}

/** One GET to 127.0.0.1:<port> with the given Host header, on a fresh connection. */
export function httpGet(port: number, host: string, pathname: string, timeoutMs = 30_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: "GET", headers: { host }, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), location: res.headers.location ?? null }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${host}${pathname} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Signals the process group of a child spawned with `detached: true` (the child and what it started). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group, e.g. serve.ts and the next server it spawned
  } catch {
    // already gone
  }
}

/**
 * Starts `scripts/serve.ts start` (Next on the build in {@link BENCH_DIST_DIR}, plus the embedded
 * identity server on GATEHOUSE_IDP_PORT) in its own process group and waits (at most `timeoutMs`)
 * for /healthz to answer 200.
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
  // The app serves the bench's build (see ensureBuild), never .next or .next-test.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", GATEHOUSE_NEXT_DIST_DIR: BENCH_DIST_DIR, ...options.env, PORT: String(options.port) };
  for (const name of options.unsetEnv ?? []) delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "serve.ts"), "start"], {
    cwd: options.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });

  const { tail, lines, stop } = superviseChild(child);

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

  return { port: options.port, startupMs: Date.now() - started, output: () => ({ lines: lines(), tail: [...tail] }), stop };
}

/**
 * Starts the app for a benchmark on `port`, against the bench's control database. Its local state
 * (secret key, the embedded identity server on ctx.idpPort and its database on the bench cluster)
 * belongs to this run, never to the developer's; a configured KEYCLOAK_URL is not passed on.
 */
export function startBenchApp(ctx: BenchContext, port: number, env: Record<string, string> = {}): Promise<AppServer> {
  return startApp({
    root: ctx.root,
    port,
    env: {
      DATABASE_URL: ctx.controlUrl,
      GATEHOUSE_BASE_URL: `http://localhost:${port}`,
      LOG_LEVEL: "warn",
      GATEHOUSE_QUIET: "1",
      GATEHOUSE_DATA_DIR: ctx.dataDir,
      GATEHOUSE_SECRET_KEY: randomBytes(32).toString("base64"),
      GATEHOUSE_IDP_PORT: String(ctx.idpPort),
      ...env,
    },
    unsetEnv: ["KEYCLOAK_URL"],
  });
}

/** Keeps the last `keep` output lines of a child and stops it (its whole group): TERM, then KILL. */
export function superviseChild(child: ChildProcess, keep = 20, graceMs = 15_000): { tail: string[]; lines(): number; stop(): Promise<void> } {
  const tail: string[] = [];
  let count = 0;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      count += 1;
      tail.push(line);
      if (tail.length > keep) tail.shift();
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const stop = async () => {
    if (exited(child)) return;
    killGroup(child, "SIGTERM");
    if (!(await waitForExit(child, graceMs))) {
      killGroup(child, "SIGKILL");
      await waitForExit(child, 5_000);
    }
  };
  return { tail, lines: () => count, stop };
}
