import { Worker } from "node:worker_threads";
import type { SanitizeReply } from "./sanitize-worker.ts";

/** The longest one SVG may take to sanitise; the limits of svg-limits.ts keep real files far below. */
export const SANITIZE_TIMEOUT_MS = 10_000;

/** The file is too much for the sanitiser: its parser's recursion ran out, or the time limit passed. */
export class SvgTooComplexError extends Error {}

interface Job {
  svg: string;
  resolve: (clean: string | null) => void;
  reject: (error: Error) => void;
}

// One worker thread, one file at a time: uploads are rare, and a queue keeps a burst of heavy
// files to one busy core instead of all of them.
const queue: Job[] = [];
let worker: Worker | undefined;
let running: { job: Job; id: number; timer: NodeJS.Timeout } | undefined;
let lastId = 0;

function startWorker(): Worker {
  // `new Worker(new URL(…, import.meta.url))` as written: Next.js bundles the worker as an entry
  // of its own only for this form (a path computed at runtime is not in the build).
  const started = new Worker(new URL("./sanitize-worker.ts", import.meta.url));
  started.on("message", (reply: SanitizeReply) => {
    if (!running || reply.id !== running.id) return;
    if (reply.ok) settle((job) => job.resolve(reply.clean));
    else settle((job) => job.reject(reply.tooComplex ? new SvgTooComplexError(reply.message) : new Error(`SVG sanitiser failed: ${reply.message}`)));
  });
  const lost = (error: Error) => {
    if (worker !== started) return;
    worker = undefined;
    settle((job) => job.reject(error));
  };
  started.on("error", lost);
  started.on("exit", (code) => lost(new Error(`SVG sanitiser worker exited (code ${code})`)));
  return started;
}

function settle(outcome: (job: Job) => void): void {
  if (!running) return;
  const { job, timer } = running;
  clearTimeout(timer);
  running = undefined;
  outcome(job);
  next();
}

function next(): void {
  if (running) return;
  const job = queue.shift();
  if (!job) {
    worker?.unref(); // idle: it must not keep a script alive
    return;
  }
  worker ??= startWorker();
  worker.ref();
  const id = ++lastId;
  const timer = setTimeout(() => {
    const stuck = worker;
    worker = undefined;
    void stuck?.terminate();
    settle((j) => j.reject(new SvgTooComplexError(`Sanitising took longer than ${SANITIZE_TIMEOUT_MS} ms`)));
  }, SANITIZE_TIMEOUT_MS);
  running = { job, id, timer };
  worker.postMessage({ id, svg: job.svg });
}

/**
 * `sanitizeSvg` (lib/branding/sanitize-svg.ts) in a worker thread, so the server keeps answering
 * other requests meanwhile. Throws SvgTooComplexError for a file the sanitiser cannot finish.
 */
export function sanitizeSvgOffThread(svg: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    queue.push({ svg, resolve, reject });
    next();
  });
}
