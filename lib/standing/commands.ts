import type { Prisma } from "@/lib/db/generated/control/client";
import type { PaymentStanding, VerificationStatus } from "@/lib/db/generated/control/enums";
import { controlDb } from "@/lib/db/control";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { invalidateStanding } from "@/lib/access/standing-cache";
import type { BreakglassExemptionChange, PaymentChange, TenantAccessChange, VerificationChange } from "@/lib/standing/schema";

type Tx = Prisma.TransactionClient;

const customerNotFound = () => new AppError("not_found", "Customer not found.");
const tenantNotFound = () => new AppError("not_found", "Tenant not found.");

/** The customer, locked for the rest of the transaction so concurrent changes record their history in order. */
async function lockedCustomer(tx: Tx, customerId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM customers WHERE id = ${customerId}::uuid FOR UPDATE`;
  if (!row) throw customerNotFound();
  return tx.customer.findUniqueOrThrow({ where: { id: customerId }, include: { tenants: { select: { id: true } } } });
}

async function lockedTenant(tx: Tx, tenantId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  if (!row) throw tenantNotFound();
  return tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The tenants whose access a customer's standing decides: its own, never the shared cloud tenant. */
const ownTenants = (customer: { tenants: { id: string }[] }) => customer.tenants.map((t) => t.id);

/**
 * Applies a verification change inside `tx`: status, notes, references, the time of a status change
 * (the grace period counts from it), a history entry and an audit event. Returns the tenants whose
 * cached standing must be dropped once `tx` commits, or null when nothing changed.
 */
export async function applyVerificationChange(tx: Tx, customerId: string, change: VerificationChange, by: AuditActor): Promise<string[] | null> {
  const before = await lockedCustomer(tx, customerId);
  if (before.isRoot) throw new AppError("forbidden", "The root customer is the platform operator; its standing is not managed.");
  const references = change.references ?? before.verificationReferences;
  const notes = change.note ?? before.verificationNotes;
  const statusChanged = change.status !== before.verificationStatus;
  if (!statusChanged && change.note === undefined && sameList(references, before.verificationReferences)) return null;
  const after = await tx.customer.update({
    where: { id: customerId },
    data: { verificationStatus: change.status, verificationNotes: notes, verificationReferences: references, ...(statusChanged ? { verificationChangedAt: new Date() } : {}) },
  });
  await tx.customerStandingChange.create({
    data: { customerId, aspect: "verification", fromStatus: before.verificationStatus, toStatus: change.status, note: change.note ?? null, references, actor: by.actor },
  });
  await recordPlatformEvent(tx, by, {
    action: "customer.verification_changed",
    resourceType: "customer",
    resourceId: customerId,
    before: { verificationStatus: before.verificationStatus, verificationNotes: before.verificationNotes, verificationReferences: before.verificationReferences },
    after: { verificationStatus: after.verificationStatus, verificationNotes: after.verificationNotes, verificationReferences: after.verificationReferences },
  });
  return ownTenants(before);
}

/** Like `applyVerificationChange`, for the payment standing. */
export async function applyPaymentChange(tx: Tx, customerId: string, change: PaymentChange, by: AuditActor): Promise<string[] | null> {
  const before = await lockedCustomer(tx, customerId);
  if (before.isRoot) throw new AppError("forbidden", "The root customer is the platform operator; its standing is not managed.");
  if (change.standing === before.paymentStanding && change.note === undefined) return null;
  const statusChanged = change.standing !== before.paymentStanding;
  await tx.customer.update({ where: { id: customerId }, data: { paymentStanding: change.standing, ...(statusChanged ? { paymentStandingChangedAt: new Date() } : {}) } });
  await tx.customerStandingChange.create({
    data: { customerId, aspect: "payment", fromStatus: before.paymentStanding, toStatus: change.standing, note: change.note ?? null, actor: by.actor },
  });
  await recordPlatformEvent(tx, by, {
    action: "customer.payment_standing_changed",
    resourceType: "customer",
    resourceId: customerId,
    before: { paymentStanding: before.paymentStanding },
    after: { paymentStanding: change.standing, note: change.note ?? null },
  });
  return ownTenants(before);
}

/** Records the standing a customer starts with (onboarding), so the history begins at the start. */
export async function recordInitialStanding(
  tx: Tx,
  customerId: string,
  initial: { verification: VerificationStatus; references: string[]; payment: PaymentStanding },
  by: AuditActor,
): Promise<void> {
  await tx.customerStandingChange.createMany({
    data: [
      { customerId, aspect: "verification", fromStatus: null, toStatus: initial.verification, references: initial.references, actor: by.actor },
      { customerId, aspect: "payment", fromStatus: null, toStatus: initial.payment, actor: by.actor },
    ],
  });
}

async function inTransaction(apply: (tx: Tx) => Promise<string[] | null>): Promise<boolean> {
  const tenants = await controlDb().$transaction(apply);
  if (tenants) await invalidateStanding(tenants);
  return tenants !== null;
}

/** Changes a customer's verification (KYC/KYB). Returns false when it already was so (nothing recorded). */
export function changeVerification(customerId: string, change: VerificationChange, by: AuditActor): Promise<boolean> {
  return inTransaction((tx) => applyVerificationChange(tx, customerId, change, by));
}

/** Changes a customer's payment standing. Returns false when it already was so (nothing recorded). */
export function changePaymentStanding(customerId: string, change: PaymentChange, by: AuditActor): Promise<boolean> {
  return inTransaction((tx) => applyPaymentChange(tx, customerId, change, by));
}

/**
 * The billing system's tenant-wide switch, separate from the lifecycle status: disabled, nobody
 * signs in and no key works; enabled again, everything is as it was.
 */
export function setTenantAccess(tenantId: string, change: TenantAccessChange, by: AuditActor): Promise<boolean> {
  return inTransaction(async (tx) => {
    const before = await lockedTenant(tx, tenantId);
    if (before.kind === "root") throw new AppError("forbidden", "The console's tenant cannot be disabled.");
    const disabled = before.accessDisabledAt !== null;
    if (change.enabled ? !disabled : disabled && change.reason === before.accessDisabledReason) return null;
    const data = change.enabled
      ? { accessDisabledAt: null, accessDisabledReason: null }
      : { accessDisabledAt: before.accessDisabledAt ?? new Date(), accessDisabledReason: change.reason ?? "" };
    await tx.tenant.update({ where: { id: tenantId }, data });
    await recordPlatformEvent(tx, by, {
      action: change.enabled ? "tenant.access_enabled" : "tenant.access_disabled",
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      before: { accessDisabled: disabled, reason: before.accessDisabledReason },
      after: { accessDisabled: !change.enabled, reason: data.accessDisabledReason },
    });
    return [tenantId];
  });
}

/**
 * The billing system's switch for a shared customer: disabled, its organization in the cloud tenant
 * is locked for its members (read per request, so nothing is cached to drop); a dedicated
 * customer's switch is its tenant's.
 */
export async function setCustomerAccess(customerId: string, change: TenantAccessChange, by: AuditActor): Promise<boolean> {
  return controlDb().$transaction(async (tx) => {
    const before = await lockedCustomer(tx, customerId);
    if (before.tenancy !== "shared" || before.isRoot)
      throw new AppError("conflict", "Only a shared customer has this switch; a dedicated customer's access is switched on its tenant.");
    const disabled = before.accessDisabledAt !== null;
    if (change.enabled ? !disabled : disabled && change.reason === before.accessDisabledReason) return false;
    const data = change.enabled
      ? { accessDisabledAt: null, accessDisabledReason: null }
      : { accessDisabledAt: before.accessDisabledAt ?? new Date(), accessDisabledReason: change.reason ?? "" };
    await tx.customer.update({ where: { id: customerId }, data });
    await recordPlatformEvent(tx, by, {
      action: change.enabled ? "customer.access_enabled" : "customer.access_disabled",
      resourceType: "customer",
      resourceId: customerId,
      before: { accessDisabled: disabled, reason: before.accessDisabledReason },
      after: { accessDisabled: !change.enabled, reason: data.accessDisabledReason },
    });
    return true;
  });
}

/** Lets the tenant's break-glass admin in despite the standing (never despite the lifecycle status). */
export function setBreakglassExemption(tenantId: string, change: BreakglassExemptionChange, by: AuditActor): Promise<boolean> {
  return inTransaction(async (tx) => {
    const before = await lockedTenant(tx, tenantId);
    if (before.kind !== "dedicated") throw new AppError("forbidden", "Only dedicated tenants have a break-glass admin.");
    if (before.breakglassExempt === change.allowed) return null;
    await tx.tenant.update({ where: { id: tenantId }, data: { breakglassExempt: change.allowed } });
    await recordPlatformEvent(tx, by, {
      action: change.allowed ? "tenant.breakglass_allowed" : "tenant.breakglass_disallowed",
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      before: { breakglassExempt: before.breakglassExempt },
      after: { breakglassExempt: change.allowed, reason: change.reason ?? null },
    });
    return [tenantId];
  });
}
