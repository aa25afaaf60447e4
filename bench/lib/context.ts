// What bench/run.ts hands to every benchmark module.

export interface BenchContext {
  /** Repository root (also the process cwd). */
  root: string;
  /** Superuser URL of the bench cluster's `postgres` database. */
  clusterUrl: string;
  /** URL of the migrated, bootstrapped control database (also process.env.DATABASE_URL). */
  controlUrl: string;
  /** Port for an app server a benchmark may start. */
  appPort: number;
  /** Port for the embedded identity server of that app (scripts/serve.ts starts one). */
  idpPort: number;
  /** The bench's own data directory (deleted before and after a run): for app-local state. */
  dataDir: string;
  /** Prints a timestamped progress line. */
  progress(message: string): void;
  /** Registers cleanup that also runs on Ctrl-C; returns a function that unregisters it. */
  onCleanup(fn: () => Promise<void>): () => void;
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<void>;
}
