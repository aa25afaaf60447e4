import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { noteLoginActivity } from "@/lib/audit/login-activity";

export type SessionAction = "session.started" | "session.ended";

/**
 * Records that `username` signed in to or out of Gatehouse on `tenant`'s host: in the tenant's
 * database, or the platform's for the console. A failure is logged, never shown: the sign-in or
 * sign-out itself has already happened at the identity server.
 */
export async function recordSessionEvent(tenant: ResolvedTenant, by: AuditActor, username: string, action: SessionAction): Promise<void> {
  const event = { action, resourceType: "user" as const, resourceId: username };
  try {
    if (tenant.kind === "root") await controlDb().$transaction((tx) => recordPlatformEvent(tx, by, { ...event, tenantId: tenant.id }));
    else await tenantDb(tenant).$transaction((tx) => recordTenantEvent(tx, by, event));
  } catch (error) {
    logger().error({ err: error, tenant: tenant.key, action }, "could not record a session event");
  }
  // A sign-in left LOGIN events at the realm: the periodic import fetches them at its next sweep.
  if (action === "session.started") await noteLoginActivity(tenant.id);
}
