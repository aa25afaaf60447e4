import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { BREAK_GLASS_USERNAME } from "@/lib/kernel/break-glass";
import { controlDb } from "@/lib/db/control";
import { decideAccess, organizationDenial, tenantDenial, upcomingLockout, type Denial, type Lockout, type Requester } from "@/lib/access/decide";
import { denialMessage } from "@/lib/access/messages";
import { tenantStanding } from "@/lib/access/standing-cache";

/**
 * The one place that decides whether a tenant's people and keys get in: used by the proxy, the
 * tenant's sign-in, page and action guards and the API. The console (root tenant) is never refused.
 */
export async function accessDenial(tenant: ResolvedTenant, requester: Requester, now = Date.now()): Promise<Denial | null> {
  if (tenant.kind === "root") return null;
  const standing = await tenantStanding(tenant.id);
  // A tenant that vanished between host resolution and here is as good as deleted.
  if (!standing) return { reason: "inactive", code: "tenant_suspended", status: "deleted" };
  return decideAccess(tenant.status, standing, requester, now, env().GATEHOUSE_STANDING_GRACE_DAYS);
}

/** The tenant-wide denial, ignoring any break-glass exemption: what the status page explains. */
export async function tenantWideDenial(tenant: ResolvedTenant, now = Date.now()): Promise<Denial | null> {
  if (tenant.kind === "root") return null;
  const standing = await tenantStanding(tenant.id);
  if (!standing) return { reason: "inactive", code: "tenant_suspended", status: "deleted" };
  return tenantDenial(tenant.status, standing, now, env().GATEHOUSE_STANDING_GRACE_DAYS);
}

/** When the tenant's standing will start refusing its people, if a grace period is running (payment overdue, re-KYC due). */
export async function tenantUpcomingLockout(tenant: ResolvedTenant, now = Date.now()): Promise<Lockout | null> {
  if (tenant.kind === "root") return null;
  const standing = await tenantStanding(tenant.id);
  return standing ? upcomingLockout(standing, now, env().GATEHOUSE_STANDING_GRACE_DAYS) : null;
}

export function userRequester(username: string): Requester {
  return { kind: "user", breakglass: username === BREAK_GLASS_USERNAME };
}

export function denialError(denial: Denial, tenant: ResolvedTenant): AppError {
  return new AppError(denial.code, denialMessage(denial, tenant.key));
}

/** Throws `tenant_suspended`, `payment_required` or `verification_required` when `requester` is refused. */
export async function assertAccess(tenant: ResolvedTenant, requester: Requester): Promise<void> {
  const denial = await accessDenial(tenant, requester);
  if (denial) throw denialError(denial, tenant);
}

/**
 * Whether a shared customer's organization is locked by the customer's own standing or switch. Read straight
 * from the control plane (one primary-key lookup per org page or action), so a settled payment
 * lets the organization back in on the next request. An unknown customer is treated as deleted.
 */
export async function organizationAccessDenial(customerId: string, now = Date.now()): Promise<Denial | null> {
  const customer = await controlDb().customer.findUnique({
    where: { id: customerId },
    select: { verificationStatus: true, verificationChangedAt: true, paymentStanding: true, paymentStandingChangedAt: true, accessDisabledAt: true, accessDisabledReason: true },
  });
  if (!customer) return { reason: "inactive", code: "tenant_suspended", status: "deleted" };
  const standing = {
    verification: customer.verificationStatus,
    verificationChangedAt: customer.verificationChangedAt,
    payment: customer.paymentStanding,
    paymentChangedAt: customer.paymentStandingChangedAt,
    accessDisabled: customer.accessDisabledAt ? { at: customer.accessDisabledAt, reason: customer.accessDisabledReason ?? "" } : null,
  };
  return organizationDenial(standing, now, env().GATEHOUSE_STANDING_GRACE_DAYS);
}
