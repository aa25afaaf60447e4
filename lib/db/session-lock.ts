import pg from "pg";
import { appDatabaseUrl } from "@/lib/db/app-role";
import { processSingleton } from "@/lib/db/global-singleton";
import { AppError } from "@/lib/errors/app-error";

// Session-level advisory locks on the control-plane database, for work that must be serialised
// across app processes while it waits for something slow outside the database — above all the
// identity server. The lock lives on a connection of its own that runs no transaction: nothing on
// it holds row locks or a snapshot, no transaction timeout can cut the work off half-way, and a
// process that dies drops its connection and with it the lock. The control database is shared by
// every app process, so it also serialises work on tenant databases (keyed by tenant id).
//
// Never take one while holding a transaction that others may wait for inside their lock, and never
// nest two: each waits on a pooled connection, so nesting could wait for itself.

/** What a lock serialises; the first int of PostgreSQL's two-int advisory key. */
export const LOCK_NAMESPACES = {
  /** Every admin write to tenant X's realm that reads before it writes (app client, frontendUrl, branding, enabled). */
  realmWrites: 0x7265_616c, // "real"
  /** A realm's attribute map, read, merged and written back (lib/identity/realms.ts), keyed by realm name; taken inside realmWrites at most. */
  realmAttributes: 0x6174_7472, // "attr"
  /** One user of a tenant, keyed `<tenant id>/<user id>`: each write to the user with its identity push (lib/users/commands.ts). */
  userWrites: 0x7573_6572, // "user"
} as const;

export type LockNamespace = keyof typeof LOCK_NAMESPACES;

const DEFAULT_WAIT_MS = 60_000;

function lockPool(): pg.Pool {
  return processSingleton("session-lock-pool", () => {
    const pool = new pg.Pool({ connectionString: appDatabaseUrl(), max: 10, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    pool.on("error", () => {}); // an idle connection that dies is replaced on the next checkout
    return pool;
  });
}

/**
 * Runs `work` holding the advisory lock (namespace, key) on a dedicated connection; waits up to
 * `waitMs` for it (then `conflict`, with the `busy` message). The connection stays idle — not in
 * a transaction — while `work` runs.
 */
export async function withSessionLock<T>(namespace: LockNamespace, key: string, work: () => Promise<T>, options: { waitMs?: number; busy?: string } = {}): Promise<T> {
  const client = await lockPool().connect();
  let broken: Error | undefined;
  try {
    const waitMs = Math.max(1, Math.round(options.waitMs ?? DEFAULT_WAIT_MS));
    try {
      // lock_timeout bounds the wait for an advisory lock like any other; set per session, reset below.
      await client.query(`SET lock_timeout = ${waitMs}`);
      await client.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [LOCK_NAMESPACES[namespace], key]);
    } catch (error) {
      if ((error as { code?: string }).code === "55P03")
        throw new AppError("conflict", options.busy ?? "Another change to this workspace is still under way; try again in a moment.");
      broken = error as Error;
      throw error;
    }
    try {
      return await work();
    } finally {
      try {
        await client.query("SELECT pg_advisory_unlock($1::int, hashtext($2))", [LOCK_NAMESPACES[namespace], key]);
        await client.query("RESET lock_timeout");
      } catch (error) {
        broken = error as Error; // the connection is discarded below, which releases the lock
      }
    }
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `work` holding the tenant's realm-write lock. The identity server's admin writes that read
 * before they write — the app client with its URIs, the realm's frontendUrl and branding
 * attributes, its enabled flag — run one at a time per tenant across all app processes, and no
 * database transaction is open while the identity server works.
 */
export function withRealmWrites<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  return withSessionLock("realmWrites", tenantId, work);
}

/** Closes the lock connections (tests, shutdown). */
export async function closeSessionLocks(): Promise<void> {
  const key = Symbol.for("gatehouse.session-lock-pool");
  const pool = (globalThis as Record<symbol, unknown>)[key] as pg.Pool | undefined;
  if (!pool) return;
  delete (globalThis as Record<symbol, unknown>)[key];
  await pool.end();
}
