import { controlDb } from "@/lib/db/control";
import { closeTenantDbs } from "@/lib/db/tenant-clients";
import { closeListener } from "@/lib/db/notify";
import { closeSessionLocks } from "@/lib/db/session-lock";
import { closeRateLimitPool } from "@/lib/rate-limits/limiter";
import { createCustomer } from "@/lib/customers/service";
import { ProvisioningController } from "@/lib/provisioning/controller";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, TEST_ACTOR } from "@/tests/support/fixtures";

const tenantFields = { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true } as const;

/** Onboards a dedicated customer and provisions its tenant fully (database, realm, client, roles, admin). */
export async function provisionedTenant(controller = new ProvisioningController()): Promise<ResolvedTenant> {
  const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
  await controller.reconcile(tenantId);
  const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: tenantFields });
  if (tenant.status !== "active") throw new Error(`tenant ${tenant.key} did not become active`);
  return tenant;
}

/** The root tenant (the console's), as routing resolves it. */
export function rootTenant(): Promise<ResolvedTenant> {
  return controlDb().tenant.findFirstOrThrow({ where: { kind: "root" }, select: tenantFields });
}

/** The root tenant provisioned like at a real first start (its database holds the platform API keys). */
export async function provisionedRoot(controller: ProvisioningController): Promise<ResolvedTenant> {
  const root = await rootTenant();
  await controller.reconcile(root.id);
  const tenant = await rootTenant();
  if (tenant.status !== "active") throw new Error("the root tenant did not become active");
  return tenant;
}

/** Stops the test's controller and closes every connection it and the app modules opened. */
export async function closeTestResources(controller: ProvisioningController): Promise<void> {
  await controller.stop().catch(() => {});
  await closeTenantDbs();
  await closeListener();
  await closeSessionLocks();
  await closeRateLimitPool();
  await controlDb().$disconnect();
}
