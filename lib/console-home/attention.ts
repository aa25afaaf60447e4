// What needs the operator, for the console's home page: customers whose standing has started (or
// finished) the clock on a lock-out, provisioning steps that failed for good, deleted tenants
// waiting for their purge, platform API keys about to expire, and the newest platform events.
import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { standingLockouts, type Lockout } from "@/lib/access/decide";
import { auditFilterSchema } from "@/lib/audit/filter";
import { listAuditEvents, type AuditEventView } from "@/lib/audit/query";
import { PROVISIONING_STEPS, PURGE_STEPS } from "@/lib/provisioning/steps";
import type { ResolvedTenant } from "@/lib/tenancy/types";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Each list shows this many items at most (the rest is on the page it links to). */
const LIST_LIMIT = 20;
/** A platform key expiring within this many days is listed. */
export const KEY_EXPIRY_WARNING_DAYS = 14;

export interface CustomerAtRisk extends Lockout {
  customerId: string;
  displayName: string;
  /** True once the grace period has ended: people are refused now. */
  locked: boolean;
}

/** Customers with payment overdue or re-KYC due, the earliest lock-out first. */
export async function customersAtRisk(now: Date): Promise<CustomerAtRisk[]> {
  const customers = await controlDb().customer.findMany({
    where: { OR: [{ paymentStanding: "overdue" }, { verificationStatus: "rekyc_due" }] },
    select: { id: true, displayName: true, paymentStanding: true, paymentStandingChangedAt: true, verificationStatus: true, verificationChangedAt: true },
  });
  const graceDays = env().GATEHOUSE_STANDING_GRACE_DAYS;
  return customers
    .map((c) => {
      const standing = {
        payment: c.paymentStanding,
        paymentChangedAt: c.paymentStandingChangedAt,
        verification: c.verificationStatus,
        verificationChangedAt: c.verificationChangedAt,
      };
      const first = standingLockouts(standing, graceDays)[0]!;
      return { customerId: c.id, displayName: c.displayName, ...first, locked: first.at <= now };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(0, LIST_LIMIT);
}

export interface FailedStep {
  tenantId: string;
  tenantName: string;
  title: string;
  error: string | null;
  failedAt: Date;
}

const STEP_TITLES = new Map([...PROVISIONING_STEPS, ...PURGE_STEPS].map((s) => [s.name, s.title]));

/** Steps that failed and will not be retried by themselves (no next attempt), newest first. */
export async function failedProvisioningSteps(): Promise<FailedStep[]> {
  const steps = await controlDb().provisioningStep.findMany({
    where: { status: "failed", nextAttemptAt: null },
    orderBy: { updatedAt: "desc" },
    take: LIST_LIMIT,
    select: { step: true, lastError: true, updatedAt: true, tenant: { select: { id: true, displayName: true } } },
  });
  return steps.map((s) => ({ tenantId: s.tenant.id, tenantName: s.tenant.displayName, title: STEP_TITLES.get(s.step) ?? s.step, error: s.lastError, failedAt: s.updatedAt }));
}

export interface TenantInRetention {
  tenantId: string;
  tenantName: string;
  /** When the purge starts; until then the tenant can be restored. */
  purgeAfter: Date | null;
}

/** Deleted tenants not purged yet, the nearest purge first. */
export async function tenantsInRetention(): Promise<TenantInRetention[]> {
  const tenants = await controlDb().tenant.findMany({
    where: { status: "deleted", purgedAt: null },
    orderBy: { purgeAfter: "asc" },
    take: LIST_LIMIT,
    select: { id: true, displayName: true, purgeAfter: true },
  });
  return tenants.map((t) => ({ tenantId: t.id, tenantName: t.displayName, purgeAfter: t.purgeAfter }));
}

export interface ExpiringKey {
  id: string;
  name: string;
  prefix: string;
  expiresAt: Date;
}

/** Platform API keys (the console tenant's) not revoked that expire within {@link KEY_EXPIRY_WARNING_DAYS} days. */
export async function expiringPlatformKeys(root: ResolvedTenant, now: Date): Promise<ExpiringKey[]> {
  if (root.status !== "active") return [];
  const keys = await tenantDb(root).apiKey.findMany({
    where: { revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + KEY_EXPIRY_WARNING_DAYS * DAY_MS) } },
    orderBy: { expiresAt: "asc" },
    take: LIST_LIMIT,
    select: { id: true, name: true, prefix: true, expiresAt: true },
  });
  return keys.map((k) => ({ ...k, expiresAt: k.expiresAt! }));
}

/** The newest platform audit events. */
export async function recentPlatformActivity(limit = 10): Promise<AuditEventView[]> {
  return (await listAuditEvents({ kind: "platform" }, auditFilterSchema.parse({ limit }))).items;
}
