import { env } from "@/lib/config/env";
import type { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { logger } from "@/lib/log/logger";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { lookupVerificationRecord } from "@/lib/domains/dns";
import { graceExhausted, nextCheckAt, nextRecheckAt, type RecheckPolicy } from "@/lib/domains/schedule";
import { lockTenantDomains, syncAppClient } from "@/lib/domains/app-client";
import { domainSelect, domainSnapshot, toDomainView, type DomainRow, type DomainView } from "@/lib/domains/view";

/** GATEHOUSE_DOMAIN_RECHECK_INTERVAL_MS, _GRACE_MS and _FAILURES. */
export function recheckPolicy(): RecheckPolicy {
  const e = env();
  return { intervalMs: e.GATEHOUSE_DOMAIN_RECHECK_INTERVAL_MS, graceMs: e.GATEHOUSE_DOMAIN_RECHECK_GRACE_MS, failuresBeforeUnverify: e.GATEHOUSE_DOMAIN_RECHECK_FAILURES };
}

/**
 * Checks a verified domain's TXT record again. Found: the domain stays verified and any failing
 * streak ends. Missing or wrong: the streak grows; once it has lasted the grace period and the
 * failure count, the domain loses its verification. A DNS failure (SERVFAIL, timeout) is shown but
 * never costs the verification: it says nothing about the record.
 */
export async function recheckVerifiedDomain(tenant: ResolvedTenant, row: DomainRow, by: AuditActor): Promise<DomainView> {
  const policy = recheckPolicy();
  const lookup = await lookupVerificationRecord(row.hostname, row.verificationToken);
  const checkedAt = new Date();
  if (lookup.ok) {
    if (row.failingSince) logger().info({ hostname: row.hostname, tenant: tenant.key, failingSince: row.failingSince }, "custom domain re-check passes again");
    return updateVerified(row, {
      lastCheckedAt: checkedAt,
      lastSuccessAt: checkedAt,
      lastError: null,
      failingSince: null,
      failedRechecks: 0,
      nextCheckAt: nextRecheckAt(checkedAt, false, policy),
      checkAttempts: { increment: 1 },
    });
  }
  const failingSince = row.failingSince ?? checkedAt;
  const failedRechecks = lookup.definite ? row.failedRechecks + 1 : row.failedRechecks;
  if (lookup.definite && graceExhausted(failingSince, failedRechecks, checkedAt, policy)) {
    return unverifyDomain(tenant, row, { checkedAt, error: lookup.error, failedRechecks }, by);
  }
  return updateVerified(row, {
    lastCheckedAt: checkedAt,
    lastError: lookup.error,
    failingSince,
    failedRechecks,
    nextCheckAt: nextRecheckAt(checkedAt, true, policy),
    checkAttempts: { increment: 1 },
  });
}

/** Records a re-check's outcome, unless the domain was removed or unverified meanwhile. */
async function updateVerified(row: DomainRow, data: Prisma.TenantDomainUpdateManyMutationInput): Promise<DomainView> {
  const db = controlDb();
  await db.tenantDomain.updateMany({ where: { hostname: row.hostname, verifiedAt: { not: null } }, data });
  const after = await db.tenantDomain.findUnique({ where: { hostname: row.hostname }, select: domainSelect });
  return toDomainView(after ?? row);
}

interface LostRecord {
  checkedAt: Date;
  error: string;
  failedRechecks: number;
}

/**
 * The domain's record has been gone past the grace period: it is pending again (audited), stops
 * routing at once (this process now, the others on NOTIFY), and the app client drops its redirect
 * URIs. Like a removal, this stands when the identity server cannot be reached; the next domain
 * change or provisioning run rewrites the client. Automatic checks resume on the pending schedule,
 * so restoring the record verifies the domain again.
 */
async function unverifyDomain(tenant: ResolvedTenant, row: DomainRow, lost: LostRecord, by: AuditActor): Promise<DomainView> {
  const after = await controlDb().$transaction(async (tx) => {
    await lockTenantDomains(tx, tenant.id);
    const [current] = await tx.$queryRaw<
      { verified_at: Date | null }[]
    >`SELECT verified_at FROM tenant_domains WHERE hostname = ${row.hostname} AND tenant_id = ${tenant.id}::uuid FOR UPDATE`;
    if (!current?.verified_at) return null;
    const updated = await tx.tenantDomain.update({
      where: { hostname: row.hostname },
      data: {
        verifiedAt: null,
        unverifiedAt: lost.checkedAt,
        lastCheckedAt: lost.checkedAt,
        lastError: lost.error,
        failingSince: row.failingSince ?? lost.checkedAt,
        failedRechecks: lost.failedRechecks,
        nextCheckAt: nextCheckAt(lost.checkedAt, lost.checkedAt),
        checkAttempts: { increment: 1 },
      },
      select: domainSelect,
    });
    await recordPlatformEvent(tx, by, {
      action: "tenant_domain.unverified",
      resourceType: "tenant_domain",
      resourceId: row.hostname,
      tenantId: tenant.id,
      before: domainSnapshot(row),
      after: { ...domainSnapshot(updated), reason: lost.error, failingSince: updated.failingSince, failedRechecks: lost.failedRechecks },
    });
    return updated;
  });
  if (!after) return toDomainView((await controlDb().tenantDomain.findUnique({ where: { hostname: row.hostname }, select: domainSelect })) ?? row);
  logger().warn({ hostname: row.hostname, tenant: tenant.key, error: lost.error }, "custom domain lost its verification: its TXT record is gone");
  await invalidateTenant(tenant.id);
  await syncAppClient(tenant).catch((error: unknown) =>
    logger().warn({ err: error, hostname: row.hostname, tenant: tenant.key }, "custom domain unverified; the app client still lists it until the next sync"),
  );
  return toDomainView(after);
}
