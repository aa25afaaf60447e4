import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { AppError } from "@/lib/errors/app-error";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { effectiveQuotas, quotaFor } from "@/lib/quotas/limits";
import { QUOTA_LABELS, QUOTA_RESOURCES, type QuotaResource } from "@/lib/quotas/resources";

type TenantTx = Pick<Prisma.TransactionClient, "$executeRaw" | "quotaUsage" | "apiKey">;

/**
 * How much of a resource a tenant uses now: users, org units and memberships from the counters
 * the tenant database's triggers keep (`quota_usage`); active API keys counted.
 */
async function usage(tx: TenantTx, resource: QuotaResource): Promise<number> {
  if (resource === "apiKeys") return tx.apiKey.count({ where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
  const row = await tx.quotaUsage.findUnique({ where: { resource } });
  return Number(row?.used ?? 0);
}

/**
 * Call inside the transaction that creates `count` (default one) of `resource`, before the inserts.
 * It takes a transaction-scoped advisory lock per resource, so concurrent creations in this tenant
 * queue behind each other and count what the previous one committed: the quota is never exceeded.
 * The limit is read once the lock is held, not before: a creation that queued behind others while
 * the platform lowered the quota counts against the lowered one.
 * Throws `quota_exceeded` when the creations would take the tenant past its limit.
 */
export async function enforceQuota(tx: TenantTx, tenant: Pick<ResolvedTenant, "id">, resource: QuotaResource, count = 1): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('gatehouse.quota'), hashtext(${resource}))`;
  const limit = await quotaFor(tenant.id, resource);
  const used = await usage(tx, resource);
  if (used + count > limit) {
    const { noun } = QUOTA_LABELS[resource];
    const adding = count === 1 ? "" : `; adding ${count} more would exceed it`;
    throw new AppError("quota_exceeded", `This workspace has ${used} ${noun}, its limit of ${limit}${adding}. Remove some or ask the platform operator to raise the quota.`);
  }
}

export interface QuotaUsage {
  resource: QuotaResource;
  title: string;
  used: number;
  limit: number;
  overridden: boolean;
}

/** Usage against quota of every resource, for the bars on the tenant pages. */
export async function quotaUsage(tenant: ResolvedTenant): Promise<QuotaUsage[]> {
  const db = tenantDb(tenant);
  const [{ limits, overrides }, counts] = await Promise.all([effectiveQuotas(tenant.id), Promise.all(QUOTA_RESOURCES.map((resource) => usage(db, resource)))]);
  return QUOTA_RESOURCES.map((resource, i) => ({
    resource,
    title: QUOTA_LABELS[resource].title,
    used: counts[i] ?? 0,
    limit: limits[resource],
    overridden: overrides[resource] !== null,
  }));
}
