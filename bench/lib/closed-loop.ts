// `workers` concurrent loops, each issuing the next operation as the previous one ends (a closed
// loop), for a fixed time: throughput and latencies as a server under steady load delivers them.

const MAX_OPS_PER_WORKER = 200_000;

export interface LoopResult {
  completed: number;
  elapsedMs: number;
  latencies: number[];
  errors: Map<string, number>;
}

/** `workers` concurrent loops, each issuing the next operation when the previous one ends, for `durationMs`. */
export async function closedLoop(workers: number, durationMs: number, op: (worker: number, iteration: number) => Promise<void>): Promise<LoopResult> {
  const start = performance.now();
  const deadline = start + durationMs;
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let completed = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < MAX_OPS_PER_WORKER && performance.now() < deadline; i++) {
        const t = performance.now();
        try {
          await op(w, i);
          latencies.push(performance.now() - t);
          completed += 1;
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 200);
          errors.set(message, (errors.get(message) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 20)); // no hot loop on a failing server
        }
      }
    }),
  );
  return { completed, elapsedMs: performance.now() - start, latencies, errors };
}
