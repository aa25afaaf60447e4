// Small statistics and plain-text table helpers for the benchmarks. No app imports.
import os from "node:os";

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function median(values: ArrayLike<number>): number {
  return summarize(values).p50;
}

/** Milliseconds elapsed since a `process.hrtime.bigint()` reading. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times an async function; returns its result and the elapsed milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: msSince(start) };
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms < 0.1) return ms.toFixed(4);
  if (ms < 10) return ms.toFixed(3);
  if (ms < 1_000) return ms.toFixed(1);
  return ms.toFixed(0);
}

export function fmtSeconds(ms: number): string {
  return `${(ms / 1_000).toFixed(2)} s`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function fmtPct(ratio: number): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)}%` : "n/a";
}

export function verdict(met: boolean): string {
  return met ? "target met" : "target MISSED";
}

/** Prints a plain-text table: first column left-aligned, the others right-aligned. */
export function printTable(headers: string[], rows: string[][], indent = "  "): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  console.log(line(headers));
  console.log(indent + widths.map((w) => "─".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

export function heading(title: string): void {
  console.log(`\n${title}\n${"═".repeat(title.length)}`);
}

export function subheading(title: string): void {
  console.log(`\n${title}\n${"─".repeat(title.length)}`);
}

/** The machine's 1-minute load average against its CPU count: other work on the box skews figures. */
export function machineLoad(): string {
  // os.cpus(), not availableParallelism(): a benchmark may pin itself to fewer CPUs than the machine has.
  return `load average ${os.loadavg()[0]?.toFixed(2) ?? "?"} on ${os.cpus().length} CPUs`;
}

/** Runs `fn` `warmup` times unmeasured, then `count` times, and returns each run's milliseconds. */
export async function sample(count: number, warmup: number, fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(msSince(start));
  }
  return out;
}
