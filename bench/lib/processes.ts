// Linux process helpers for the benchmarks: CPU affinity (taskset) and CPU time from /proc.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** True when util-linux's `taskset` can be run. */
export function hasTaskset(): boolean {
  const r = spawnSync("taskset", ["--version"], { encoding: "utf8" });
  return r.status === 0;
}

/** The CPUs a process may run on, as the kernel lists them (e.g. "0" or "0-1"), or null if it is gone. */
export function cpusAllowed(pid: number): string | null {
  const status = readProc(pid, "status");
  return status ? (/^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] ?? null) : null;
}

/** Pins every thread of `pid` to `cpuList` (taskset -a -p -c); returns false if taskset refused. */
export function pin(pid: number, cpuList: string): boolean {
  return spawnSync("taskset", ["-a", "-p", "-c", cpuList, String(pid)], { stdio: "ignore" }).status === 0;
}

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces and parentheses). */
function statFields(pid: number): string[] | null {
  const stat = readProc(pid, "stat");
  if (!stat) return null;
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** Direct children of `pid` (scans /proc). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === pid) out.push(Number(entry));
  }
  return out;
}

const CLOCK_TICKS = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** User + system CPU milliseconds a process (all its threads) has used so far; 0 if it is gone. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // After the name: state(0) ppid(1) … utime(11) stime(12), i.e. fields 14 and 15 of the whole line.
  return ((Number(fields[11]) + Number(fields[12])) * 1_000) / CLOCK_TICKS;
}

/** CPU milliseconds of a set of processes, keyed by pid, to difference later. */
export function cpuSnapshot(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid)]));
}

/** CPU milliseconds used since `before` by the processes in it (processes that exited count as 0). */
export function cpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of before) {
    const now = cpuMs(pid);
    if (now >= ms) total += now - ms;
  }
  return total;
}

/** The postmaster of a data directory (first line of postmaster.pid) and its current children. */
export function postgresProcesses(pgDataDir: string): number[] {
  let text: string;
  try {
    text = fs.readFileSync(`${pgDataDir}/postmaster.pid`, "utf8");
  } catch {
    return [];
  }
  const pid = Number(text.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return [];
  return [pid, ...childrenOf(pid)];
}
