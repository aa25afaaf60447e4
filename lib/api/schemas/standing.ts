import { z } from "zod";
import { PAYMENT_STANDINGS, VERIFICATION_STATUSES } from "@/lib/standing/values";
import { timestamp } from "@/lib/api/schemas/common";

export const standingChangeSchema = z.object({
  id: z.string().meta({ description: "History entry id (increasing)." }),
  aspect: z.enum(["verification", "payment"]),
  fromStatus: z.string().nullable().meta({ description: "Null for the status the customer was onboarded with." }),
  toStatus: z.string(),
  note: z.string().nullable(),
  references: z.array(z.string()),
  actor: z.string().meta({ description: "Who changed it: `root/<superadmin>` or `root/apikey:<prefix>`." }),
  occurredAt: timestamp,
});

export const verificationSchema = z.object({
  customerId: z.uuid(),
  status: z.enum(VERIFICATION_STATUSES),
  notes: z.string().nullable(),
  references: z.array(z.string()),
  changedAt: timestamp.meta({ description: "When the status last changed; a `rekyc_due` grace period counts from here." }),
  history: z.array(standingChangeSchema).meta({ description: "The latest 50 changes, newest first." }),
});

export const paymentStandingSchema = z.object({
  customerId: z.uuid(),
  standing: z.enum(PAYMENT_STANDINGS),
  changedAt: timestamp.meta({ description: "When the standing last changed; an `overdue` grace period counts from here." }),
  history: z.array(standingChangeSchema).meta({ description: "The latest 50 changes, newest first." }),
});

export const tenantAccessViewSchema = z.object({
  key: z.string(),
  status: z.string().meta({ description: "Lifecycle status; only `active` tenants are reachable." }),
  accessEnabled: z.boolean(),
  disabledAt: timestamp.nullable(),
  disabledReason: z.string().nullable(),
  access: z.object({
    allowed: z.boolean(),
    code: z.enum(["tenant_suspended", "payment_required", "verification_required"]).nullable().meta({ description: "What a tenant's user or key gets now, if refused." }),
  }),
});

export const customerAccessViewSchema = z.object({
  customerId: z.uuid(),
  accessEnabled: z.boolean(),
  disabledAt: timestamp.nullable(),
  disabledReason: z.string().nullable(),
  organization: z.object({
    allowed: z.boolean(),
    code: z
      .enum(["tenant_suspended", "payment_required", "verification_required"])
      .nullable()
      .meta({ description: "What the shared customer's organization members get now, if refused." }),
  }),
});

export const userAccessViewSchema = z.object({ username: z.string(), enabled: z.boolean() });
