import { controlDb } from "@/lib/db/control";
import { createCustomer } from "@/lib/customers/service";
import { ProvisioningController } from "@/lib/provisioning/controller";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, TEST_ACTOR } from "@/tests/support/fixtures";

/** Onboards a dedicated customer and provisions its tenant fully (database, realm, client, roles, admin). */
export async function provisionedTenant(controller = new ProvisioningController()): Promise<ResolvedTenant> {
  const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
  await controller.reconcile(tenantId);
  const tenant = await controlDb().tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true },
  });
  if (tenant.status !== "active") throw new Error(`tenant ${tenant.key} did not become active`);
  return tenant;
}
