import type { PaymentStanding, TenantStatus, VerificationStatus } from "@/lib/db/generated/control/enums";

/** A customer's own standing: what locks out a shared customer's organization. */
export interface CustomerStanding {
  verification: VerificationStatus;
  verificationChangedAt: Date;
  payment: PaymentStanding;
  paymentChangedAt: Date;
}

/** What decides whether a tenant's people and keys get in, besides its lifecycle status. */
export interface TenantStanding extends CustomerStanding {
  /** Set by the billing system's tenant-wide switch. */
  accessDisabled: { at: Date; reason: string } | null;
  /** The superadmin lets the break-glass admin in despite the standing. */
  breakglassExempt: boolean;
}

export type DenialReason = "inactive" | "disabled" | "payment" | "verification";

export interface Denial {
  reason: DenialReason;
  code: "tenant_suspended" | "payment_required" | "verification_required";
  /** The lifecycle status (`inactive`), the switch's reason (`disabled`), or when the grace ended. */
  status: TenantStatus;
  disabledReason?: string;
  since?: Date;
}

/**
 * Who is asking: before the caller is known (`anyone`), a signed-in user, a tenant API key, or the
 * platform (a superadmin or platform key acting on the tenant from the console).
 */
export type Requester = { kind: "anyone" } | { kind: "user"; breakglass: boolean } | { kind: "apikey" } | { kind: "platform" };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The tenant-wide denial, whoever asks: lifecycle first, then the billing switch, payment, verification. */
export function tenantDenial(status: TenantStatus, standing: TenantStanding, now: number, graceDays: number): Denial | null {
  if (status !== "active") return { reason: "inactive", code: "tenant_suspended", status };
  if (standing.accessDisabled) return { reason: "disabled", code: "tenant_suspended", status, disabledReason: standing.accessDisabled.reason, since: standing.accessDisabled.at };
  return customerDenial(standing, status, now, graceDays);
}

/** Payment, then verification, each once its grace period has ended. */
function customerDenial(standing: CustomerStanding, status: TenantStatus, now: number, graceDays: number): Denial | null {
  const graceMs = graceDays * DAY_MS;
  if (standing.payment === "overdue" && now >= standing.paymentChangedAt.getTime() + graceMs) {
    return { reason: "payment", code: "payment_required", status, since: new Date(standing.paymentChangedAt.getTime() + graceMs) };
  }
  if (standing.verification === "rekyc_due" && now >= standing.verificationChangedAt.getTime() + graceMs) {
    return { reason: "verification", code: "verification_required", status, since: new Date(standing.verificationChangedAt.getTime() + graceMs) };
  }
  return null;
}

export interface Lockout {
  reason: "payment" | "verification";
  /** When the grace period ends and the standing starts refusing people. */
  at: Date;
}

/**
 * The lock-outs a standing has started the clock on (payment overdue, re-KYC due), earliest first,
 * whether their grace period is still running or has ended: what an operator acts on.
 */
export function standingLockouts(standing: CustomerStanding, graceDays: number): Lockout[] {
  const graceMs = graceDays * DAY_MS;
  const lockouts: Lockout[] = [];
  if (standing.payment === "overdue") lockouts.push({ reason: "payment", at: new Date(standing.paymentChangedAt.getTime() + graceMs) });
  if (standing.verification === "rekyc_due") lockouts.push({ reason: "verification", at: new Date(standing.verificationChangedAt.getTime() + graceMs) });
  return lockouts.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The next lock-out still ahead of `now` (its grace running), or null. */
export function upcomingLockout(standing: CustomerStanding, now: number, graceDays: number): Lockout | null {
  return standingLockouts(standing, graceDays).find((l) => l.at.getTime() > now) ?? null;
}

/**
 * A shared customer's organization in the cloud tenant: the same billing switch (the customer's),
 * payment and verification rules as a dedicated tenant, applied to the customer's own standing only (the cloud tenant as a whole is
 * decided by `tenantDenial`, on the platform's standing). There is no break-glass exemption here.
 */
export function organizationDenial(standing: CustomerStanding & Pick<TenantStanding, "accessDisabled">, now: number, graceDays: number): Denial | null {
  if (standing.accessDisabled)
    return { reason: "disabled", code: "tenant_suspended", status: "active", disabledReason: standing.accessDisabled.reason, since: standing.accessDisabled.at };
  return customerDenial(standing, "active", now, graceDays);
}

/**
 * Whether `requester` is refused. The lifecycle refuses everyone; the standing refuses everyone but
 * the platform and, when the superadmin allowed it, the break-glass admin — so before the caller is
 * known, an exempt tenant is let through to sign-in, where the user is checked.
 */
export function decideAccess(status: TenantStatus, standing: TenantStanding, requester: Requester, now: number, graceDays: number): Denial | null {
  const denial = tenantDenial(status, standing, now, graceDays);
  if (!denial || denial.reason === "inactive") return denial;
  switch (requester.kind) {
    case "platform":
      return null;
    case "anyone":
      return standing.breakglassExempt ? null : denial;
    case "user":
      return standing.breakglassExempt && requester.breakglass ? null : denial;
    case "apikey":
      return denial;
  }
}
