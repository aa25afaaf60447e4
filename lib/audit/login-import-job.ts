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
      let after: string | undefined;
      for (;;) {
        const tenants = await controlDb().tenant.findMany({
          where: { status: "active", ...(after ? { id: { gt: after } } : {}) },
          orderBy: { id: "asc" },
          take: 100,
          select: { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true },
        });
        for (const tenant of tenants) {
          if (stopped) return;
          const imported = await importLoginEvents(tenant).catch((error: unknown) => {
            log.warn({ err: error, tenant: tenant.key }, "login events not imported");
            return 0;
          });
          if (imported > 0) log.debug({ tenant: tenant.key, imported }, "login events imported");
        }
        after = tenants.at(-1)?.id;
        if (tenants.length < 100) return;
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep().catch((error: unknown) => log.error({ err: error }, "login-event sweep failed")), interval);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
