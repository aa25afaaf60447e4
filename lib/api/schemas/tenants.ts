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
  statusReason: z.string().nullable().meta({ description: "The reason given for the last lifecycle change." }),
  statusChangedAt: timestamp.nullable(),
  deletedAt: timestamp.nullable(),
  purgeAfter: timestamp.nullable().meta({ description: "A deleted tenant can be restored until then; the controller purges it afterwards." }),
  purgedAt: timestamp.nullable(),
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

export { lifecycleChangeSchema } from "@/lib/tenants/lifecycle";
export { quotaOverridesSchema } from "@/lib/quotas/limits";

const quotaNumbers = z.object({ users: z.number().int(), orgUnits: z.number().int(), memberships: z.number().int(), apiKeys: z.number().int() });
const quotaOverrideNumbers = z.object({
  users: z.number().int().nullable(),
  orgUnits: z.number().int().nullable(),
  memberships: z.number().int().nullable(),
  apiKeys: z.number().int().nullable(),
});

/** A tenant's quotas: the limits in force, its overrides (null = platform default) and current usage. */
export const tenantQuotasSchema = z.object({
  limits: quotaNumbers,
  overrides: quotaOverrideNumbers,
  usage: quotaNumbers.nullable().meta({ description: "Null while the tenant's database cannot be read (not provisioned, or purged)." }),
});

export { tenantRateOverridesSchema } from "@/lib/rate-limits/overrides";

const rateLimitNumber = z.number().int().meta({ description: "Requests a minute; 0: no limit." });
const rateLimitOverride = z.number().int().nullable().meta({ description: "Requests a minute; 0: no limit; null: the platform's limit." });

/** A tenant's own REST and SCIM rate limits: those in force and its overrides. */
export const tenantRateLimitsSchema = z.object({
  limits: z.object({ requestsPerMinute: rateLimitNumber, requestsPerMinutePerCaller: rateLimitNumber }),
  overrides: z.object({ requestsPerMinute: rateLimitOverride, requestsPerMinutePerCaller: rateLimitOverride }),
});
