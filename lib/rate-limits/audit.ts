import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { Consumed } from "@/lib/rate-limits/limiter";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/**
 * A limit tripped (once per window and key): `rate_limit.exceeded` in the tenant's audit trail, or
 * the platform's when the request named no tenant yet (the per-address limit).
 */
export async function recordRateLimitTrip(tenant: ResolvedTenant | undefined, actor: AuditActor, consumed: Consumed): Promise<void> {
  const after = { policy: consumed.policy.name, limit: consumed.policy.points, windowSeconds: consumed.policy.windowSeconds, retryAfterSeconds: consumed.resetSeconds };
  if (tenant && tenant.status === "active") {
    await tenantDb(tenant).$transaction((tx) => recordTenantEvent(tx, actor, { action: "rate_limit.exceeded", resourceType: "tenant", resourceId: tenant.key, after }));
  } else {
    await controlDb().$transaction((tx) => recordPlatformEvent(tx, actor, { action: "rate_limit.exceeded", resourceType: "tenant", resourceId: tenant?.key ?? "-", after }));
  }
}
