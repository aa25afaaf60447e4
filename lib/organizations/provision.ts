import { tenantDb, type TenantDatabaseRef } from "@/lib/db/tenant-clients";
import { controlDb } from "@/lib/db/control";
import { SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { logger } from "@/lib/log/logger";
import { suggestTenantKey } from "@/lib/kernel/tenant-key";
import { cloudTenant } from "@/lib/organizations/cloud";

interface SharedCustomer {
  id: string;
  displayName: string;
}

/**
 * Creates the customer's organization in the cloud tenant's database unless it exists (keyed by
 * customer id, so any number of callers may race). The slug is the name's tenant-key suggestion,
 * with a counter when another organization has it. The customer lives in the control plane, another
 * database, so this runs after the onboarding committed; the controller catches up on any missed.
 */
export async function ensureOrganization(cloud: TenantDatabaseRef, customer: SharedCustomer, by: AuditActor = SYSTEM_ACTOR): Promise<void> {
  await tenantDb(cloud).$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('gatehouse.organizations'))`;
    if (await tx.organization.findUnique({ where: { customerId: customer.id }, select: { id: true } })) return;
    const base = suggestTenantKey(customer.displayName) || "org";
    let slug = base;
    for (let n = 2; await tx.organization.findUnique({ where: { slug }, select: { id: true } }); n++) slug = `${base}-${n}`;
    const organization = await tx.organization.create({ data: { customerId: customer.id, slug, name: customer.displayName } });
    await recordTenantEvent(tx, by, { action: "organization.created", resourceType: "organization", resourceId: organization.id, after: organization });
  });
}

/** Every shared customer without an organization gets one; run once the cloud tenant's database is ready. */
export async function ensureOrganizations(cloud: TenantDatabaseRef): Promise<number> {
  const customers = await controlDb().customer.findMany({ where: { tenancy: "shared", isRoot: false }, select: { id: true, displayName: true } });
  const existing = new Set((await tenantDb(cloud).organization.findMany({ select: { customerId: true } })).map((o) => o.customerId));
  const missing = customers.filter((c) => !existing.has(c.id));
  for (const customer of missing) await ensureOrganization(cloud, customer);
  return missing.length;
}

/**
 * After a shared customer's onboarding committed: its organization now, if the cloud tenant is
 * active; otherwise the controller creates it when the cloud tenant's provisioning finishes.
 */
export async function organizationForNewCustomer(customer: SharedCustomer, by: AuditActor): Promise<void> {
  const cloud = await cloudTenant();
  if (cloud?.status !== "active") return;
  try {
    await ensureOrganization(cloud, customer, by);
  } catch (error) {
    logger().warn(
      { err: error, customerId: customer.id },
      "creating the organization failed; the controller creates it at its next pass over the cloud tenant (next start or migration)",
    );
  }
}
