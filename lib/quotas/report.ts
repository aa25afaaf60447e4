import type { ResolvedTenant } from "@/lib/tenancy/types";
import { logger } from "@/lib/log/logger";
import { isPurgedKey } from "@/lib/kernel/tenant-key";
import { quotaUsage, type QuotaUsage } from "@/lib/quotas/enforce";
import { effectiveQuotas } from "@/lib/quotas/limits";
import type { QuotaOverrides, Quotas } from "@/lib/quotas/resources";

export interface QuotaReport {
  limits: Quotas;
  overrides: QuotaOverrides;
  /** Null while the tenant's database cannot be read (still provisioning, purged, unreachable). */
  usage: Quotas | null;
  rows: QuotaUsage[] | null;
}

/** Limits, overrides and usage of a tenant, for the console and the platform API. */
export async function tenantQuotaReport(tenant: ResolvedTenant): Promise<QuotaReport> {
  const { limits, overrides } = await effectiveQuotas(tenant.id);
  if (tenant.status === "provisioning" || isPurgedKey(tenant.key)) return { limits, overrides, usage: null, rows: null };
  try {
    const rows = await quotaUsage(tenant);
    const usage = Object.fromEntries(rows.map((r) => [r.resource, r.used])) as Quotas;
    return { limits, overrides, usage, rows };
  } catch (error) {
    logger().warn({ err: error, tenant: tenant.key }, "quota usage unavailable");
    return { limits, overrides, usage: null, rows: null };
  }
}
