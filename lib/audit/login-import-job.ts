import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { logger } from "@/lib/log/logger";
import { importLoginEvents } from "@/lib/audit/login-import";

/**
 * Every `GATEHOUSE_AUDIT_LOGIN_IMPORT_MS`, imports the new login events of every active tenant
 * (and the console's realm), one tenant after another, so the trail is complete even for tenants
 * nobody looks at — well within the identity server's event retention. Viewers import on their
 * own too. Several processes may run it: an event is written once whatever imports it.
 */
export function startLoginEventImport(): () => void {
  const interval = env().GATEHOUSE_AUDIT_LOGIN_IMPORT_MS;
  if (interval === 0) return () => {};
  const log = logger().child({ component: "login-import" });
  let running = false;
  let stopped = false;
  const sweep = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await importAllLoginEvents(() => stopped);
    } catch (error) {
      log.error({ err: error }, "login-event sweep failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), interval);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

const BATCH = 100;

/** One sweep over every active tenant, 100 at a time; a tenant that fails is logged and skipped. Returns the events imported. */
export async function importAllLoginEvents(stopped: () => boolean = () => false): Promise<number> {
  const log = logger().child({ component: "login-import" });
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const tenants = await controlDb().tenant.findMany({
      where: { status: "active", ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true },
    });
    for (const tenant of tenants) {
      if (stopped()) return total;
      total += await importLoginEvents(tenant).catch((error: unknown) => {
        log.warn({ err: error, tenant: tenant.key }, "login events not imported");
        return 0;
      });
    }
    after = tenants.at(-1)?.id;
    if (tenants.length < BATCH) return total;
  }
}
