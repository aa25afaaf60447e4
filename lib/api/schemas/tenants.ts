import { z } from "zod";
import { StepStatus, TenantKind, TenantStatus } from "@/lib/db/generated/control/enums";
import { pageOf, timestamp } from "@/lib/api/schemas/common";

export const tenantStatusSchema = z.enum(TenantStatus);
const stepStatusSchema = z.enum(StepStatus);

const tenantCore = {
  id: z.uuid(),
  key: z.string(),
  displayName: z.string(),
  kind: z.enum(TenantKind),
  status: tenantStatusSchema,
  createdAt: timestamp,
};

export const tenantListItemSchema = z.object({
  ...tenantCore,
  customer: z.object({ id: z.uuid(), displayName: z.string() }),
  steps: z.array(z.object({ step: z.string(), status: stepStatusSchema, attempts: z.number().int(), lastError: z.string().nullable() })),
});
export const tenantPageSchema = pageOf(tenantListItemSchema);

/** A tenant's record. Its database name and any dedicated cluster URL (credentials) are never returned. */
export const tenantSchema = z.object({
  ...tenantCore,
  activatedAt: timestamp.nullable(),
  updatedAt: timestamp,
  accessDisabledAt: timestamp.nullable().meta({ description: "Set while billing has disabled the whole tenant." }),
  accessDisabledReason: z.string().nullable(),
  breakglassExempt: z.boolean().meta({ description: "The break-glass admin may sign in despite the standing." }),
  customer: z.object({ id: z.uuid(), displayName: z.string(), legalName: z.string() }),
  domains: z.array(z.object({ hostname: z.string(), verifiedAt: timestamp.nullable(), createdAt: timestamp })),
  steps: z.array(
    z.object({
      step: z.string(),
      status: stepStatusSchema,
      attempts: z.number().int(),
      startedAt: timestamp.nullable(),
      doneAt: timestamp.nullable(),
      lastError: z.string().nullable(),
      nextAttemptAt: timestamp.nullable(),
    }),
  ),
});
