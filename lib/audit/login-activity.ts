import { controlDb } from "@/lib/db/control";
import { logger } from "@/lib/log/logger";

/**
 * Sign-in activity on the tenant's realm (a Gatehouse sign-in, or new events found by a reader's
 * import): the periodic import polls the realm at its next sweep, at the base interval again.
 * Never fails the caller.
 */
export async function noteLoginActivity(tenantId: string): Promise<void> {
  try {
    await controlDb().loginImportSchedule.upsert({
      where: { tenantId },
      create: { tenantId, nextPollAt: new Date(), idlePolls: 0 },
      update: { nextPollAt: new Date(), idlePolls: 0 },
    });
  } catch (error) {
    logger().warn({ err: error, tenantId }, "could not note sign-in activity for the login-event import");
  }
}
