import type { PaymentStanding, Prisma, Tenancy, VerificationStatus } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { escapeLike } from "@/shared/like";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { insertTenant } from "@/lib/tenants/records";
import { wakeControllers } from "@/lib/provisioning/controller";
import { offsetOf, toPage, type ListQuery, type ListSpec, type Page } from "@/lib/pagination/page";
import type { CreateCustomerInput, CustomerRecordInput, UpdateCustomerInput } from "@/lib/customers/schema";
import { applyPaymentChange, applyVerificationChange, recordInitialStanding } from "@/lib/standing/commands";
import { invalidateStanding } from "@/lib/access/standing-cache";
import { organizationForNewCustomer } from "@/lib/organizations/provision";

export interface CreatedCustomer {
  customerId: string;
  tenantId: string;
}

function customerRecordData(input: CustomerRecordInput) {
  return {
    kind: input.kind,
    legalName: input.legalName,
    displayName: input.displayName,
    pan: input.pan,
    tan: input.tan ?? null,
    gstin: input.gstin ?? null,
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2 ?? null,
    city: input.city,
    state: input.state,
    postalCode: input.postalCode,
    country: input.country,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
  } satisfies Prisma.CustomerUncheckedUpdateInput;
}

/** A dedicated tenant is created only for a verified customer (KYC/KYB `completed`). */
function refuseUnverifiedTenant(input: CreateCustomerInput): void {
  if (input.tenancy !== "dedicated" || input.verificationStatus === "completed") return;
  throw new AppError("verification_required", "A dedicated tenant is created only for a customer whose verification is completed.", {
    verificationStatus: "Complete the KYC/KYB verification first (status “Completed”), or onboard the customer on the shared cloud tenant.",
  });
}

/**
 * A second customer with the PAN (or GSTIN) of an existing one is most likely the same customer
 * typed again: refused with `possible_duplicate` (naming the existing one) unless the operator
 * confirmed it is a different customer (e.g. two registrations of one business).
 */
async function refusePossibleDuplicate(input: CreateCustomerInput): Promise<void> {
  const existing = await controlDb().customer.findFirst({
    where: { OR: [{ pan: input.pan }, ...(input.gstin ? [{ gstin: input.gstin }] : [])] },
    select: { id: true, displayName: true, pan: true },
    orderBy: { createdAt: "asc" },
  });
  if (!existing) return;
  const field = existing.pan === input.pan ? "pan" : "gstin";
  const label = field === "pan" ? "PAN" : "GSTIN";
  throw new AppError(
    "possible_duplicate",
    `${existing.displayName} already has this ${label}. Onboard anyway only if this is a different customer.`,
    { [field]: `Already the ${label} of ${existing.displayName}.` },
    { customerId: existing.id, customerName: existing.displayName, field },
  );
}

/**
 * Onboards a customer. A dedicated customer gets its own tenant (status `provisioning`, steps
 * queued for the controller); a shared one is attached to the shared cloud tenant. All of it is
 * one transaction: a taken tenant key leaves nothing behind. A shared customer's organization is
 * then created in the cloud tenant's own database (lib/organizations/provision.ts).
 */
export async function createCustomer(
  input: CreateCustomerInput,
  by: AuditActor,
  options: { databaseUrl?: string | null; confirmDuplicate?: boolean } = {},
): Promise<CreatedCustomer> {
  refuseUnverifiedTenant(input);
  if (!options.confirmDuplicate) await refusePossibleDuplicate(input);
  try {
    const created = await controlDb().$transaction(async (tx) => {
      const cloud = await tx.tenant.findFirst({ where: { kind: "shared_cloud" }, select: { id: true } });
      if (!cloud) throw new Error("The shared cloud tenant is missing; bootstrap has not run.");
      const customer = await tx.customer.create({
        data: {
          ...customerRecordData(input),
          verificationStatus: input.verificationStatus,
          verificationReferences: input.verificationReferences ?? [],
          paymentStanding: input.paymentStanding,
          tenancy: input.tenancy,
          sharedTenantId: input.tenancy === "shared" ? cloud.id : null,
        },
      });
      await recordPlatformEvent(tx, by, { action: "customer.created", resourceType: "customer", resourceId: customer.id, after: customer });
      await recordInitialStanding(tx, customer.id, { verification: input.verificationStatus, references: input.verificationReferences ?? [], payment: input.paymentStanding }, by);
      if (input.tenancy === "shared") return { customerId: customer.id, tenantId: cloud.id };

      const tenant = await insertTenant(tx, {
        key: input.tenantKey,
        displayName: input.tenantDisplayName,
        kind: "dedicated",
        customerId: customer.id,
        databaseUrl: options.databaseUrl ?? null,
      });
      await recordPlatformEvent(tx, by, {
        action: "tenant.created",
        resourceType: "tenant",
        resourceId: tenant.id,
        tenantId: tenant.id,
        after: { ...tenant, databaseUrl: tenant.databaseUrl ? "(dedicated cluster)" : null },
      });
      return { customerId: customer.id, tenantId: tenant.id };
    });
    if (input.tenancy === "dedicated") await wakeControllers();
    else await organizationForNewCustomer({ id: created.customerId, displayName: input.displayName }, by);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "That tenant key is already taken.", { tenantKey: "This key is already taken by another tenant. Choose another." });
    }
    throw error;
  }
}

/**
 * Updates the onboarding record; a standing sent along (the API's PATCH) goes through the standing
 * service in the same transaction, so it gets its history entry and reaches enforcement at once.
 */
export async function updateCustomer(customerId: string, input: UpdateCustomerInput, by: AuditActor): Promise<void> {
  const touched = await controlDb().$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id: customerId } });
    if (!before) throw new AppError("not_found", "Customer not found.");
    if (before.isRoot) throw new AppError("forbidden", "The root customer is managed by the platform and cannot be edited here.");
    const after = await tx.customer.update({ where: { id: customerId }, data: customerRecordData(input) });
    await recordPlatformEvent(tx, by, { action: "customer.updated", resourceType: "customer", resourceId: customerId, before, after });
    const verification = input.verificationStatus
      ? await applyVerificationChange(tx, customerId, { status: input.verificationStatus, references: input.verificationReferences }, by)
      : null;
    const payment = input.paymentStanding ? await applyPaymentChange(tx, customerId, { standing: input.paymentStanding }, by) : null;
    return [...(verification ?? []), ...(payment ?? [])];
  });
  await invalidateStanding([...new Set(touched)]);
}

const listSelect = {
  id: true,
  kind: true,
  legalName: true,
  displayName: true,
  tenancy: true,
  verificationStatus: true,
  paymentStanding: true,
  isRoot: true,
  createdAt: true,
  tenants: { select: { id: true, key: true, status: true } },
} as const satisfies Prisma.CustomerSelect;

export type CustomerListItem = Prisma.CustomerGetPayload<{ select: typeof listSelect }>;

export const VERIFICATION_STATUSES = ["pending", "partial", "completed", "rekyc_due"] as const satisfies readonly VerificationStatus[];
export const PAYMENT_STANDINGS = ["current", "grace", "overdue"] as const satisfies readonly PaymentStanding[];
export const TENANCIES = ["dedicated", "shared"] as const satisfies readonly Tenancy[];

/** The customers list: sorted by name or creation; filtered by KYC status, payment standing and tenancy. */
export const customerListSpec = {
  sorts: { name: "asc", created: "desc" },
  defaultSort: "created",
  filters: { kyc: VERIFICATION_STATUSES, payment: PAYMENT_STANDINGS, tenancy: TENANCIES },
} as const satisfies ListSpec;

export type CustomerListQuery = ListQuery<keyof typeof customerListSpec.sorts, keyof typeof customerListSpec.filters>;

/** Case-insensitive substring search over names, PAN and GSTIN (customers number in the thousands: no index needed). */
export function customerListWhere(query: CustomerListQuery): Prisma.CustomerWhereInput {
  const where: Prisma.CustomerWhereInput[] = [];
  if (query.q) {
    const contains = { contains: escapeLike(query.q), mode: "insensitive" } as const;
    where.push({ OR: [{ legalName: contains }, { displayName: contains }, { pan: contains }, { gstin: contains }] });
  }
  if (query.filters.kyc) where.push({ verificationStatus: query.filters.kyc as VerificationStatus });
  if (query.filters.payment) where.push({ paymentStanding: query.filters.payment as PaymentStanding });
  if (query.filters.tenancy) where.push({ tenancy: query.filters.tenancy as Tenancy });
  return where.length ? { AND: where } : {};
}

export async function listCustomers(query: CustomerListQuery): Promise<Page<CustomerListItem>> {
  const where = customerListWhere(query);
  const orderBy: Prisma.CustomerOrderByWithRelationInput[] = [query.sort === "name" ? { displayName: query.dir } : { createdAt: query.dir }, { id: query.dir }];
  const [items, total] = await controlDb().$transaction([
    controlDb().customer.findMany({ where, select: listSelect, orderBy, skip: offsetOf(query), take: query.pageSize }),
    controlDb().customer.count({ where }),
  ]);
  return toPage(items, total, query);
}

export function getCustomer(customerId: string) {
  return controlDb().customer.findUnique({
    where: { id: customerId },
    include: { tenants: { select: { id: true, key: true, displayName: true, status: true } }, sharedTenant: { select: { id: true, key: true, displayName: true } } },
  });
}
