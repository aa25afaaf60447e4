import { controlDb } from "@/lib/db/control";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { insertTenant } from "@/lib/tenants/records";

export const ROOT_TENANT_KEY = "root";
export const CLOUD_TENANT_KEY = "cloud";

const ROOT_CUSTOMER = {
  kind: "business",
  legalName: "Gatehouse Platform Operator",
  displayName: "Platform operator",
  addressLine1: "Not recorded",
  city: "Not recorded",
  state: "Not recorded",
  postalCode: "000000",
  country: "IN",
  contactName: "Platform operator",
  contactEmail: "operator@localhost",
  contactPhone: "+000000000000",
  tenancy: "dedicated",
  verificationStatus: "completed",
  paymentStanding: "current",
  isRoot: true,
} as const;

/**
 * Ensures the records every deployment starts with: the root customer, the root tenant (console)
 * and the shared cloud tenant. Safe to run from several processes at once.
 */
export async function ensureBootstrapRecords(): Promise<void> {
  await controlDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('gatehouse.bootstrap'))`;
    let root = await tx.customer.findFirst({ where: { isRoot: true } });
    if (!root) {
      root = await tx.customer.create({ data: ROOT_CUSTOMER });
      await recordPlatformEvent(tx, SYSTEM_ACTOR, { action: "customer.bootstrapped", resourceType: "customer", resourceId: root.id, after: root });
    }
    const bootstrapTenants = [
      { key: ROOT_TENANT_KEY, displayName: "Gatehouse Console", kind: "root" },
      { key: CLOUD_TENANT_KEY, displayName: "Gatehouse Cloud", kind: "shared_cloud" },
    ] as const;
    for (const spec of bootstrapTenants) {
      if (await tx.tenant.findFirst({ where: { kind: spec.kind } })) continue;
      const tenant = await insertTenant(tx, { ...spec, customerId: root.id });
      await recordPlatformEvent(tx, SYSTEM_ACTOR, { action: "tenant.bootstrapped", resourceType: "tenant", resourceId: tenant.id, tenantId: tenant.id, after: tenant });
    }
  });
}
