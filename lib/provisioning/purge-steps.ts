import { requireDatabaseUrl } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { dropDatabase } from "@/lib/db/create-database";
import { forgetTenantDb } from "@/lib/db/tenant-clients";
import { deleteRealm } from "@/lib/identity/realms";
import { CONTROLLER_ACTOR } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import { releaseTenantDomains } from "@/lib/domains/service";
import type { StepContext } from "@/lib/provisioning/steps";
import { purgedKeyFor } from "@/lib/kernel/tenant-key";

// The purge of a deleted tenant whose retention ran out. Each step is idempotent (the controller
// re-runs a step a crash interrupted); the key is released last, so until then the realm and the
// database are still found under the tenant's key and id.

/** Deletes the tenant's identity realm (and with it its users, clients and sessions). */
export async function purgeRealm({ tenant }: StepContext): Promise<void> {
  await deleteRealm(tenant.key);
}

/** Drops the tenant's database, ending any connection still open to it. */
export async function purgeDatabase({ tenant, log }: StepContext): Promise<void> {
  forgetTenantDb(tenant.id);
  const dropped = await dropDatabase(tenant.databaseUrl ?? requireDatabaseUrl(), tenant.databaseName);
  if (!dropped) log.info("tenant database already gone");
}

/** Moves the key aside (kept in `purged_key`) and marks the tenant purged, in one audited transaction. */
export async function releaseTenantKey({ tenant }: StepContext): Promise<void> {
  await controlDb().$transaction(async (tx) => {
    const updated = await tx.tenant.updateMany({
      where: { id: tenant.id, status: "deleted", purgedAt: null },
      data: { key: purgedKeyFor(tenant.id), purgedKey: tenant.key, purgedAt: new Date() },
    });
    if (updated.count === 0) return; // done by an earlier run
    await releaseTenantDomains(tx, tenant.id, CONTROLLER_ACTOR);
    await recordPlatformEvent(tx, CONTROLLER_ACTOR, {
      action: "tenant.purged",
      resourceType: "tenant",
      resourceId: tenant.id,
      tenantId: tenant.id,
      before: { key: tenant.key, database: tenant.databaseName },
      after: { key: purgedKeyFor(tenant.id), purgedKey: tenant.key },
    });
  });
  await invalidateTenant(tenant.id);
}
