import { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { controlDb } from "@/lib/db/control";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import { formOptionalWholeNumber } from "@/lib/input/form";
import { defaultPolicies, forgetTenantRateOverrides, tenantRateOverrides, type TenantRateOverrides } from "@/lib/rate-limits/policies";

// A tenant's own per-minute limits on its REST and SCIM APIs, set by the platform's operators
// (console tenant page, PUT /tenants/{key}/rate-limits). Null: the platform's; 0: no limit.

/** The limits a tenant can have of its own, with their labels (the form and the API share them). */
export const TENANT_RATE_LIMITS = [
  { field: "requestsPerMinute", policy: "tenant", label: "Requests per minute, whole tenant" },
  { field: "requestsPerMinutePerCaller", policy: "caller", label: "Requests per minute, per key or user" },
] as const;

const overrideValue = z
  .number({ message: "Enter a whole number, or leave empty for the platform's limit." })
  .int("Enter a whole number.")
  .min(0, "A limit cannot be negative (0: no limit).")
  .max(1_000_000, "At most 1,000,000 a minute.")
  .nullable();

/** The API's body: both limits, a number or null. */
export const tenantRateOverridesSchema = z.object({ requestsPerMinute: overrideValue, requestsPerMinutePerCaller: overrideValue });

/** The form's fields: text, where empty means the platform's limit (numbers, from the API's checked body, pass as they are). */
const inputSchema = z.object({ requestsPerMinute: formOptionalWholeNumber(overrideValue), requestsPerMinutePerCaller: formOptionalWholeNumber(overrideValue) });

export interface TenantRateLimitReport {
  /** In force now (0: no limit). */
  limits: { requestsPerMinute: number; requestsPerMinutePerCaller: number };
  overrides: TenantRateOverrides;
}

export async function tenantRateLimitReport(tenantId: string): Promise<TenantRateLimitReport> {
  const defaults = defaultPolicies();
  const overrides = await tenantRateOverrides(tenantId);
  return {
    limits: {
      requestsPerMinute: overrides.requestsPerMinute ?? defaults.tenant.points,
      requestsPerMinutePerCaller: overrides.requestsPerMinutePerCaller ?? defaults.caller.points,
    },
    overrides,
  };
}

/** Sets both of a tenant's limits at once, audited; in force within 30 s in every process. */
export async function setTenantRateOverrides(tenantId: string, input: unknown, by: AuditActor): Promise<TenantRateOverrides> {
  const overrides = parseOrThrow(inputSchema, input);
  await controlDb().$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { purgedAt: true } });
    if (!tenant || tenant.purgedAt) throw new AppError("not_found", "Tenant not found.");
    const before = await tx.tenantRateLimits.findUnique({ where: { tenantId }, select: { requestsPerMinute: true, requestsPerMinutePerCaller: true } });
    await tx.tenantRateLimits.upsert({ where: { tenantId }, create: { tenantId, ...overrides }, update: overrides });
    await recordPlatformEvent(tx, by, {
      action: "tenant.rate_limits_changed",
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      before: before ?? { requestsPerMinute: null, requestsPerMinutePerCaller: null },
      after: overrides,
    });
  });
  forgetTenantRateOverrides(tenantId);
  return overrides;
}
