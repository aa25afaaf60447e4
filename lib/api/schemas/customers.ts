import { z } from "zod";
import { createCustomerSchema, CUSTOMER_KINDS, TENANCIES, updateCustomerSchema } from "@/lib/customers/schema";
import { PAYMENT_STANDINGS, VERIFICATION_STATUSES } from "@/lib/standing/values";
import { clusterUrlSchema } from "@/lib/tenants/commands";
import { tenantStatusSchema } from "@/lib/api/schemas/tenants";
import { pageOf, timestamp } from "@/lib/api/schemas/common";

const tenantRef = z.object({ id: z.uuid(), key: z.string(), status: tenantStatusSchema });

const customerCore = {
  id: z.uuid(),
  kind: z.enum(CUSTOMER_KINDS),
  legalName: z.string(),
  displayName: z.string(),
  tenancy: z.enum(TENANCIES),
  verificationStatus: z.enum(VERIFICATION_STATUSES),
  paymentStanding: z.enum(PAYMENT_STANDINGS),
  isRoot: z.boolean(),
  createdAt: timestamp,
};

export const customerListItemSchema = z.object({ ...customerCore, tenants: z.array(tenantRef) });
export const customerPageSchema = pageOf(customerListItemSchema);

export const customerSchema = z.object({
  ...customerCore,
  pan: z.string().nullable(),
  tan: z.string().nullable(),
  gstin: z.string().nullable(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  country: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  verificationReferences: z.array(z.string()),
  verificationNotes: z.string().nullable(),
  verificationChangedAt: timestamp,
  paymentStandingChangedAt: timestamp,
  updatedAt: timestamp,
  tenants: z.array(tenantRef.extend({ displayName: z.string() })),
  sharedTenant: z.object({ id: z.uuid(), key: z.string(), displayName: z.string() }).nullable(),
});

/** The onboarding record, as the console's form takes it, plus an optional dedicated cluster URL. */
export const createCustomerBodySchema = z.intersection(
  createCustomerSchema,
  z.object({
    databaseUrl: clusterUrlSchema.optional().meta({ description: "PostgreSQL URL of a dedicated cluster for the tenant's database (dedicated tenancy only)." }),
    confirmDuplicate: z
      .boolean()
      .optional()
      .meta({ description: "Onboard although another customer has this PAN or GSTIN (without it: 409 `possible_duplicate`, naming that customer in `details`)." }),
  }),
);

/** Any of the record's fields; the merged record must pass the same rules as the form. */
export const patchCustomerSchema = z.object(updateCustomerSchema.shape).partial();
