import { publicBase } from "@/lib/config/env";
import type { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { logger } from "@/lib/log/logger";
import { randomToken } from "@/lib/secrets/tokens";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { checkCustomDomain } from "@/lib/domains/hostname";
import { lookupVerificationRecord } from "@/lib/domains/dns";
import { nextCheckAt, nextRecheckAt } from "@/lib/domains/schedule";
import { recheckPolicy, recheckVerifiedDomain } from "@/lib/domains/recheck";
import { lockTenantDomains, syncAppClient, writeAppClient } from "@/lib/domains/app-client";
import { withRealmWrites } from "@/lib/db/session-lock";
import { domainSelect, domainSnapshot, toDomainView, type DomainView } from "@/lib/domains/view";

const RESOURCE = "tenant_domain" as const;
/** Custom domains one tenant may hold (pending ones included); the page lists them all, unpaginated. */
export const MAX_DOMAINS_PER_TENANT = 20;
const notFound = (hostname: string) => new AppError("not_found", `This workspace has no domain “${hostname}”.`);

/** The tenant's custom domains, oldest first, with the DNS records each needs. */
export async function listDomains(tenant: Pick<ResolvedTenant, "id">): Promise<DomainView[]> {
  const rows = await controlDb().tenantDomain.findMany({ where: { tenantId: tenant.id }, select: domainSelect, orderBy: [{ createdAt: "asc" }, { hostname: "asc" }] });
  return rows.map(toDomainView);
}

/** One of the tenant's domains; another tenant's is `not_found` like one that does not exist. */
export async function getDomain(tenant: Pick<ResolvedTenant, "id">, hostname: string): Promise<DomainView> {
  const row = await controlDb().tenantDomain.findFirst({ where: { tenantId: tenant.id, hostname: hostname.toLowerCase() }, select: domainSelect });
  if (!row) throw notFound(hostname);
  return toDomainView(row);
}

/**
 * Claims a domain for the tenant, pending until its TXT record is seen. The hostname is the
 * primary key, so of two tenants claiming one name at once exactly one wins; the other gets
 * `conflict`. Background checks start a minute later.
 */
export async function addDomain(tenant: ResolvedTenant, rawHostname: string, by: AuditActor): Promise<DomainView> {
  if (tenant.kind !== "dedicated") throw new AppError("forbidden", "Custom domains are available to dedicated workspaces only.");
  const check = checkCustomDomain(rawHostname, publicBase().baseDomain);
  if (!check.ok) throw new AppError("validation_failed", check.message, { hostname: check.message });
  const { hostname } = check;
  const now = new Date();
  try {
    const row = await controlDb().$transaction(async (tx) => {
      // Counted under the tenant's domain lock, so concurrent additions cannot pass the limit together.
      await lockTenantDomains(tx, tenant.id);
      if ((await tx.tenantDomain.count({ where: { tenantId: tenant.id } })) >= MAX_DOMAINS_PER_TENANT) {
        throw new AppError("quota_exceeded", `A workspace can have at most ${MAX_DOMAINS_PER_TENANT} custom domains; remove one first.`, {
          hostname: `At most ${MAX_DOMAINS_PER_TENANT} custom domains; remove one first.`,
        });
      }
      const created = await tx.tenantDomain.create({
        data: { hostname, tenantId: tenant.id, verificationToken: randomToken(24), createdBy: by.actor, nextCheckAt: nextCheckAt(now, now) },
        select: domainSelect,
      });
      await recordPlatformEvent(tx, by, { action: "tenant_domain.added", resourceType: RESOURCE, resourceId: hostname, tenantId: tenant.id, after: domainSnapshot(created) });
      return created;
    });
    return toDomainView(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const owner = await controlDb().tenantDomain.findUnique({ where: { hostname }, select: { tenantId: true } });
    const message = owner?.tenantId === tenant.id ? `“${hostname}” is already one of this workspace's domains.` : `“${hostname}” is already claimed by another workspace.`;
    throw new AppError("conflict", message, { hostname: message });
  }
}

/**
 * Looks up the domain's TXT record now. Found with the token: the domain is verified, the realm's
 * app client accepts its redirect URIs, and the proxy routes it from the next request. Otherwise
 * the error and the next automatic check are recorded and the domain stays pending (or
 * unverified). A verified domain is re-checked (lib/domains/recheck.ts).
 */
export async function verifyDomain(tenant: ResolvedTenant, hostname: string, by: AuditActor): Promise<DomainView> {
  const db = controlDb();
  const row = await db.tenantDomain.findFirst({ where: { tenantId: tenant.id, hostname: hostname.toLowerCase() }, select: domainSelect });
  if (!row) throw notFound(hostname);
  if (row.verifiedAt) return recheckVerifiedDomain(tenant, row, by);

  const lookup = await lookupVerificationRecord(row.hostname, row.verificationToken);
  const checkedAt = new Date();
  if (lookup.ok) {
    // The identity server first, outside any transaction: under the tenant's realm-write lock the
    // app client is written with this domain included; only then is the domain marked verified (and
    // routed), in a transaction that commits only if it is still pending. If the identity server
    // refuses, the domain stays pending; if it was removed meanwhile, the client is rewritten
    // without it before the lock is let go.
    try {
      const verified = await withRealmWrites(tenant.id, async () => {
        await writeAppClient(tenant, row.hostname).catch(async (error: unknown) => {
          // Part of it may have landed: take the pending domain out again if the server lets us.
          await writeAppClient(tenant).catch(() => {});
          throw error;
        });
        const after = await db.$transaction(async (tx) => {
          await lockTenantDomains(tx, tenant.id);
          const [current] = await tx.$queryRaw<
            { verified_at: Date | null }[]
          >`SELECT verified_at FROM tenant_domains WHERE hostname = ${row.hostname} AND tenant_id = ${tenant.id}::uuid FOR UPDATE`;
          if (!current) return null;
          const updated = await tx.tenantDomain.update({
            where: { hostname: row.hostname },
            data: {
              verifiedAt: current.verified_at ?? checkedAt,
              lastCheckedAt: checkedAt,
              lastSuccessAt: checkedAt,
              lastError: null,
              failingSince: null,
              failedRechecks: 0,
              unverifiedAt: null,
              nextCheckAt: nextRecheckAt(checkedAt, false, recheckPolicy()),
              checkAttempts: { increment: 1 },
            },
            select: domainSelect,
          });
          if (!current.verified_at) {
            await recordPlatformEvent(tx, by, {
              action: "tenant_domain.verified",
              resourceType: RESOURCE,
              resourceId: row.hostname,
              tenantId: tenant.id,
              before: domainSnapshot(row),
              after: domainSnapshot(updated),
            });
          }
          return updated;
        });
        if (!after) await writeAppClient(tenant); // removed while the client was written: take it out again
        return after;
      });
      if (!verified) throw notFound(hostname);
      await invalidateTenant(tenant.id);
      return toDomainView(verified);
    } catch (error) {
      if (error instanceof AppError) throw error;
      logger().warn({ err: error, hostname: row.hostname, tenant: tenant.key }, "custom domain verified in DNS but the app client could not be updated");
      return recordFailedCheck(
        row.hostname,
        row.unverifiedAt ?? row.createdAt,
        checkedAt,
        "The DNS record is right, but the identity server could not be updated to accept this domain; it is tried again.",
      );
    }
  }
  return recordFailedCheck(row.hostname, row.unverifiedAt ?? row.createdAt, checkedAt, lookup.error);
}

/** `since`: when the domain was added, or when it lost its verification (the schedule restarts there). */
async function recordFailedCheck(hostname: string, since: Date, checkedAt: Date, error: string): Promise<DomainView> {
  const after = await controlDb().tenantDomain.update({
    where: { hostname },
    data: { lastCheckedAt: checkedAt, lastError: error, nextCheckAt: nextCheckAt(since, checkedAt), checkAttempts: { increment: 1 } },
    select: domainSelect,
  });
  return toDomainView(after);
}

/**
 * Removes the domain: the proxy stops routing it at once (this process forgets it now, the others
 * on NOTIFY), then the app client drops its redirect URIs. The removal stands even when the
 * identity server cannot be reached; the next domain change or provisioning run rewrites the client.
 */
export async function removeDomain(tenant: ResolvedTenant, hostname: string, by: AuditActor): Promise<DomainView> {
  const removed = await controlDb().$transaction(async (tx) => {
    const row = await tx.tenantDomain.findFirst({ where: { tenantId: tenant.id, hostname: hostname.toLowerCase() }, select: domainSelect });
    if (!row) throw notFound(hostname);
    await tx.tenantDomain.delete({ where: { hostname: row.hostname } });
    await recordPlatformEvent(tx, by, { action: "tenant_domain.removed", resourceType: RESOURCE, resourceId: row.hostname, tenantId: tenant.id, before: domainSnapshot(row) });
    return row;
  });
  await invalidateTenant(tenant.id);
  if (removed.verifiedAt) {
    await syncAppClient(tenant).catch((error: unknown) =>
      logger().warn({ err: error, hostname: removed.hostname, tenant: tenant.key }, "custom domain removed; the app client still lists it until the next sync"),
    );
  }
  return toDomainView(removed);
}

/** A purged tenant's domains, released in the purge's transaction so that others may claim them. */
export async function releaseTenantDomains(tx: Prisma.TransactionClient, tenantId: string, by: AuditActor): Promise<void> {
  const rows = await tx.tenantDomain.findMany({ where: { tenantId }, select: { hostname: true, verifiedAt: true } });
  await tx.tenantDomain.deleteMany({ where: { tenantId } });
  for (const row of rows) {
    await recordPlatformEvent(tx, by, { action: "tenant_domain.removed", resourceType: RESOURCE, resourceId: row.hostname, tenantId, before: domainSnapshot(row) });
  }
}
