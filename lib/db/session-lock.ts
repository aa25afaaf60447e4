import pg from "pg";
import { requireDatabaseUrl } from "@/lib/config/env";
import { processSingleton } from "@/lib/db/global-singleton";
import { logger } from "@/lib/log/logger";

function pool(): pg.Pool {
  return processSingleton("session-lock-pool", () => {
    const created = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 4, idleTimeoutMillis: 10_000 });
    created.on("error", (error) => logger().warn({ err: error }, "lock connection lost"));
    return created;
  });
}

/**
 * Runs `work` while holding a session-level advisory lock on (namespace, key) in the control
 * database, across all app processes. No transaction stays open meanwhile, so slow work (an
 * identity server call) cannot time one out; the lock dies with its connection if the process does.
 */
export async function withSessionLock<T>(namespace: string, key: string, work: () => Promise<T>): Promise<T> {
  const session = await pool().connect();
  let broken = false; // a connection that may still hold the lock is closed, never pooled again
  try {
    await session.query("SELECT pg_advisory_lock(hashtext($1), hashtext($2))", [namespace, key]);
    try {
      return await work();
    } finally {
      await session.query("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", [namespace, key]).catch(() => (broken = true));
    }
  } finally {
    session.release(broken);
  }
}
