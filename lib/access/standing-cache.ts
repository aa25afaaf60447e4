import { controlDb } from "@/lib/db/control";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import { tenantKeyedCache } from "@/lib/tenancy/tenant-keyed-cache";
import type { TenantStanding } from "@/lib/access/decide";

/**
 * Each tenant's standing, cached per process beside the host cache and dropped the same way: at
 * once in this process, in the others through the `gatehouse_tenancy` NOTIFY (a lifecycle change
 * drops it too).
 */
const standingCache = () => tenantKeyedCache<TenantStanding>("standing");

async function load(tenantId: string): Promise<TenantStanding | null> {
  const tenant = await controlDb().tenant.findUnique({
    where: { id: tenantId },
    select: {
      accessDisabledAt: true,
      accessDisabledReason: true,
      breakglassExempt: true,
      customer: { select: { verificationStatus: true, verificationChangedAt: true, paymentStanding: true, paymentStandingChangedAt: true } },
    },
  });
  if (!tenant) return null;
  const { customer } = tenant;
  return {
    verification: customer.verificationStatus,
    verificationChangedAt: customer.verificationChangedAt,
    payment: customer.paymentStanding,
    paymentChangedAt: customer.paymentStandingChangedAt,
    accessDisabled: tenant.accessDisabledAt ? { at: tenant.accessDisabledAt, reason: tenant.accessDisabledReason ?? "" } : null,
    breakglassExempt: tenant.breakglassExempt,
  };
}

/** The tenant's standing (null for an unknown tenant); concurrent misses share one query. */
export function tenantStanding(tenantId: string): Promise<TenantStanding | null> {
  return standingCache().get(tenantId, () => load(tenantId));
}

/** Call after a standing change commits: drops the tenants here at once and everywhere on notify. */
export async function invalidateStanding(tenantIds: readonly string[]): Promise<void> {
  for (const id of tenantIds) await invalidateTenant(id);
}
