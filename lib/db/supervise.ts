import pg from "pg";

export interface SupervisorOptions {
  /** The cluster's superuser URL, probed with `SELECT 1`. */
  clusterUrl: string;
  /** Starts the cluster again (the same data directory and port). */
  restart(): Promise<void>;
  /** Called once the cluster cannot be brought back: the launcher exits loudly. */
  giveUp(reason: string): void;
  log(message: string): void;
  intervalMs?: number;
  /** Restarts allowed within `windowMs` before giving up. */
  maxRestarts?: number;
  windowMs?: number;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Watches an embedded PostgreSQL the launcher started: two failed probes in a row and it is
 * started again; more than `maxRestarts` restarts within `windowMs` (or a restart that fails) and
 * `giveUp` is called, so the product does not run on without its database. Returns a stop function.
 */
export function superviseEmbeddedPostgres(options: SupervisorOptions): () => void {
  const intervalMs = options.intervalMs ?? 2_000;
  const maxRestarts = options.maxRestarts ?? 3;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const restarts: number[] = [];
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    if (stopped) return;
    if (await answers(options.clusterUrl)) {
      failures = 0;
    } else if (++failures >= 2) {
      const now = Date.now();
      while (restarts.length && now - restarts[0]! > windowMs) restarts.shift();
      if (restarts.length >= maxRestarts) return options.giveUp(`the embedded PostgreSQL stopped ${restarts.length + 1} times within ${Math.round(windowMs / 60_000)} min`);
      restarts.push(now);
      options.log("the embedded PostgreSQL stopped answering; starting it again");
      try {
        await options.restart();
        failures = 0;
        options.log("the embedded PostgreSQL is back");
      } catch (error) {
        return options.giveUp(`the embedded PostgreSQL could not be started again: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
