import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { processSingleton } from "@/lib/db/global-singleton";
import { CONTROLLER_ACTOR } from "@/lib/audit/actor";
import { logger } from "@/lib/log/logger";
import { tenantById } from "@/lib/tenancy/resolve";
import { verifyDomain } from "@/lib/domains/service";

const BATCH = 20;

/**
 * Checks the domains whose next check is due: pending ones (to verify them) and verified ones
 * (re-checks, lib/domains/recheck.ts). Each is claimed first by pushing its
 * `next_check_at` a few minutes out (SKIP LOCKED), so processes running this at once never check
 * one domain twice, and a process that dies mid-check leaves the domain to be picked up again.
 * Returns how many domains were checked.
 */
export async function runDueDomainChecks(): Promise<number> {
  const due = await controlDb().$queryRaw<{ hostname: string; tenant_id: string }[]>`
    UPDATE tenant_domains SET next_check_at = now() + interval '5 minutes'
    WHERE hostname IN (
      SELECT hostname FROM tenant_domains
      WHERE next_check_at <= now()
      ORDER BY next_check_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING hostname, tenant_id`;
  for (const { hostname, tenant_id } of due) {
    const tenant = await tenantById(tenant_id);
    // A tenant that is not active waits; its claim expires and it is looked at again later.
    if (!tenant || tenant.status !== "active") continue;
    try {
      await verifyDomain(tenant, hostname, CONTROLLER_ACTOR);
    } catch (error) {
      logger().warn({ err: error, tenant: tenant.key, hostname }, "custom domain check failed");
    }
  }
  return due.length;
}

/** Runs the checks every GATEHOUSE_DOMAIN_CHECK_POLL_MS in this process (0: not at all). */
export function startDomainVerificationJob(): void {
  const every = env().GATEHOUSE_DOMAIN_CHECK_POLL_MS;
  if (every === 0) return;
  processSingleton("domain-verification-job", () => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      runDueDomainChecks()
        .catch((error: unknown) => logger().warn({ err: error }, "custom domain checks failed"))
        .finally(() => (running = false));
    }, every);
    timer.unref();
    return timer;
  });
}
