// The users-scale benchmark's own Next build (its own folder, so it never races another bench's
// build) and `next start` on it, run directly (not through scripts/serve.ts): the benchmark
// process already runs PostgreSQL and the identity server, and the app is pointed at them.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { exited, sourcesNewerThan, superviseChild } from "./app-server";

const BUILD_STARTED_MARKER = "bench-build-started";
/** Files `next build` may rewrite for its build folder; put back byte for byte afterwards. */
const PROJECT_FILES_NEXT_REWRITES = ["tsconfig.json", "next-env.d.ts"];

export interface UsersBuild {
  built: boolean;
  reason: string;
  ms: number;
  distDir: string;
  restored: string[];
}

/** Why `distDir` needs a build, or null when its build is newer than every source file. */
export function buildNeeded(root: string, distDir: string): string | null {
  const dir = path.join(root, distDir);
  const idStat = fs.statSync(path.join(dir, "BUILD_ID"), { throwIfNoEntry: false });
  if (!idStat) return `no ${distDir}/BUILD_ID`;
  const since = fs.statSync(path.join(dir, BUILD_STARTED_MARKER), { throwIfNoEntry: false })?.mtime ?? idStat.mtime;
  const stale = sourcesNewerThan(root, since);
  return stale.count > 0 ? `${stale.count} source files changed after the last build started` : null;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; tail: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-4_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, tail });
    });
  });
}

/**
 * `next build` (compile, then generate; no type check, as bench/lib/app-server.ts does it) into
 * `distDir` when it has no build or a source changed since. Asynchronous, so other work can go on.
 */
export async function ensureUsersBuild(root: string, distDir: string, progress: (m: string) => void): Promise<UsersBuild> {
  const start = Date.now();
  const reason = buildNeeded(root, distDir);
  if (!reason) return { built: false, reason: "up to date", ms: Date.now() - start, distDir, restored: [] };
  progress(`${reason}: next build (compile + generate, no type check) into ${distDir}`);
  const dir = path.join(root, distDir);
  const snapshots = PROJECT_FILES_NEXT_REWRITES.map((f) => {
    const file = path.join(root, f);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return { file, content: stat ? fs.readFileSync(file) : null, atime: stat?.atime ?? new Date(0), mtime: stat?.mtime ?? new Date(0) };
  });
  fs.rmSync(path.join(dir, "BUILD_ID"), { force: true });
  const buildStart = new Date();
  const restored: string[] = [];
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  try {
    for (const mode of ["compile", "generate"] as const) {
      const result = await run(process.execPath, [next, "build", `--experimental-build-mode=${mode}`], {
        cwd: root,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", GATEHOUSE_NEXT_DIST_DIR: distDir },
        timeoutMs: 15 * 60_000,
      });
      if (result.code !== 0) throw new Error(`next build --experimental-build-mode=${mode} failed (exit ${result.code ?? "killed"}):\n${result.tail}`);
    }
  } finally {
    for (const s of snapshots) {
      const now = fs.existsSync(s.file) ? fs.readFileSync(s.file) : null;
      if ((now === null && s.content === null) || (now !== null && s.content !== null && now.equals(s.content))) continue;
      if (s.content === null) fs.rmSync(s.file, { force: true });
      else {
        fs.writeFileSync(s.file, s.content);
        fs.utimesSync(s.file, s.atime, s.mtime);
      }
      restored.push(path.relative(root, s.file));
    }
  }
  // Route types are for type checking only and would join the project's own tsc runs.
  fs.rmSync(path.join(dir, "types"), { recursive: true, force: true });
  const marker = path.join(dir, BUILD_STARTED_MARKER);
  fs.writeFileSync(marker, buildStart.toISOString());
  fs.utimesSync(marker, buildStart, buildStart);
  return { built: true, reason, ms: Date.now() - start, distDir, restored };
}

export interface NextServer {
  pid: number;
  startupMs: number;
  tail(): string[];
  stop(): Promise<void>;
}

/** `next start` on `distDir`, in its own process group; waits for /healthz to answer 200. */
export async function startNext(options: { root: string; port: number; distDir: string; env: Record<string, string>; timeoutMs?: number }): Promise<NextServer> {
  const started = Date.now();
  const next = path.join(options.root, "node_modules", "next", "dist", "bin", "next");
  // --hostname localhost (loopback only), not 127.0.0.1: Next builds its own origin from the
  // hostname (http://localhost:<port> without one) and treats a proxy rewrite to any other origin
  // as external — proxy.ts's rewrites would then be fetched over HTTP, back into this server, forever.
  const child: ChildProcess = spawn(process.execPath, [next, "start", "--port", String(options.port), "--hostname", "localhost"], {
    cwd: options.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env, GATEHOUSE_NEXT_DIST_DIR: options.distDir, PORT: String(options.port) },
  });
  const { tail: lines, stop } = superviseChild(child, 30);
  const deadline = started + (options.timeoutMs ?? 120_000);
  const agent = new http.Agent({ keepAlive: false });
  for (;;) {
    if (exited(child)) throw new Error(`next start exited during startup (code ${child.exitCode ?? child.signalCode}):\n${lines.join("\n")}`);
    const ok = await get(agent, options.port, `localhost:${options.port}`, "/healthz", {}, 5_000).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer /healthz within ${options.timeoutMs ?? 120_000} ms:\n${lines.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (child.pid === undefined) throw new Error("next start has no pid");
  return { pid: child.pid, startupMs: Date.now() - started, tail: () => [...lines], stop };
}

export interface TimedAnswer {
  status: number;
  body: string;
  /** Request written → last byte of the body read. */
  ms: number;
}

/** One GET to localhost:<port> (loopback) with a Host header (and more headers), timed to the last byte. */
export function get(agent: http.Agent, port: number, host: string, pathname: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<TimedAnswer> {
  return send(agent, port, { method: "GET", host, pathname, headers }, timeoutMs);
}

/** One request to localhost:<port> (loopback) with a Host header, headers and an optional body, timed to the last byte. */
export function send(
  agent: http.Agent,
  port: number,
  r: { method: string; host: string; pathname: string; headers: Record<string, string>; body?: string },
  timeoutMs = 30_000,
): Promise<TimedAnswer> {
  const { method, host, pathname, headers, body } = r;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = http.request({ host: "localhost", port, path: pathname, method, headers: { ...headers, host }, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: Number(process.hrtime.bigint() - start) / 1e6 }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${host}${pathname} timed out`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** VmRSS / VmHWM (kB → MiB) of a process and of its descendants, from /proc. */
export function processMemory(pid: number): { rssMiB: number; hwmMiB: number; processes: number } | null {
  const read = (p: number) => {
    try {
      return fs.readFileSync(`/proc/${p}/status`, "utf8");
    } catch {
      return null;
    }
  };
  const kb = (status: string, field: string) => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  const pids = [pid, ...descendants(pid)];
  let rss = 0;
  let hwm = 0;
  let found = 0;
  for (const p of pids) {
    const status = read(p);
    if (!status) continue;
    found += 1;
    rss += kb(status, "VmRSS");
    hwm += kb(status, "VmHWM");
  }
  return found ? { rssMiB: rss / 1024, hwmMiB: hwm / 1024, processes: found } : null;
}

function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = parents.get(ppid) ?? [];
    list.push(Number(entry));
    parents.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    for (const child of parents.get(queue[i] ?? -1) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
