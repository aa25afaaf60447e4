import { z } from "zod";
import { env } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import { formOptionalWholeNumber } from "@/lib/input/form";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";

import { QUOTA_RESOURCES, type QuotaOverrides, type QuotaResource, type Quotas } from "@/lib/quotas/resources";

/** Platform defaults: `GATEHOUSE_QUOTA_USERS`, `_ORG_UNITS`, `_MEMBERSHIPS`, `_API_KEYS`. */
export function defaultQuotas(): Quotas {
  const e = env();
  return { users: e.GATEHOUSE_QUOTA_USERS, orgUnits: e.GATEHOUSE_QUOTA_ORG_UNITS, memberships: e.GATEHOUSE_QUOTA_MEMBERSHIPS, apiKeys: e.GATEHOUSE_QUOTA_API_KEYS };
}

const NO_OVERRIDES: QuotaOverrides = { users: null, orgUnits: null, memberships: null, apiKeys: null };

export async function quotaOverrides(tenantId: string): Promise<QuotaOverrides> {
  const row = await controlDb().tenantQuotas.findUnique({ where: { tenantId } });
  return row ? { users: row.users, orgUnits: row.orgUnits, memberships: row.memberships, apiKeys: row.apiKeys } : NO_OVERRIDES;
}

/** The limit in force for one resource of a tenant: its override, else the platform default. */
export async function quotaFor(tenantId: string, resource: QuotaResource): Promise<number> {
  return (await quotaOverrides(tenantId))[resource] ?? defaultQuotas()[resource];
}

export async function effectiveQuotas(tenantId: string): Promise<{ limits: Quotas; overrides: QuotaOverrides }> {
  const overrides = await quotaOverrides(tenantId);
  const defaults = defaultQuotas();
  const limits = Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, overrides[r] ?? defaults[r]])) as Quotas;
  return { limits, overrides };
}

/** An override: null means the platform default; otherwise a whole number 0 … 10,000,000. */
const overrideValue = z
  .number({ message: "Enter a whole number, or leave empty for the default." })
  .int("Enter a whole number.")
  .min(0, "A quota cannot be negative.")
  .max(10_000_000, "At most 10,000,000.")
  .nullable();

/** The API's body: every resource, a number or null. */
export const quotaOverridesSchema = z.object({ users: overrideValue, orgUnits: overrideValue, memberships: overrideValue, apiKeys: overrideValue });

/** The form's fields: text, where empty means the default. */
const formValue = formOptionalWholeNumber(overrideValue);
const quotaOverridesInputSchema = z.object({ users: formValue, orgUnits: formValue, memberships: formValue, apiKeys: formValue });

/**
 * Sets a tenant's quota overrides (all four at once; null = default), audited. Lowering a quota
 * below current usage is allowed: nothing is removed, new creations are refused until usage drops.
 */
export async function setQuotaOverrides(tenantId: string, input: unknown, by: AuditActor): Promise<QuotaOverrides> {
  const overrides = parseOrThrow(quotaOverridesInputSchema, input);
  return controlDb().$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, purgedAt: true } });
    if (!tenant || tenant.purgedAt) throw new AppError("not_found", "Tenant not found.");
    const before = await tx.tenantQuotas.findUnique({ where: { tenantId } });
    await tx.tenantQuotas.upsert({ where: { tenantId }, create: { tenantId, ...overrides }, update: overrides });
    await recordPlatformEvent(tx, by, {
      action: "tenant.quotas_changed",
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      before: before ? { users: before.users, orgUnits: before.orgUnits, memberships: before.memberships, apiKeys: before.apiKeys } : NO_OVERRIDES,
      after: overrides,
    });
    return overrides;
  });
}
