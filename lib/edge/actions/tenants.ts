"use server";

import { revalidatePath } from "next/cache";
import { controlDb } from "@/lib/db/control";
import { BOUND } from "@/lib/edge/bound";
import { platformAction } from "@/lib/edge/platform-action";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import { setQuotaOverrides } from "@/lib/quotas/limits";
import { setTenantRateOverrides } from "@/lib/rate-limits/overrides";
import { breakglassExemptionFormSchema, tenantAccessFormSchema } from "@/lib/standing/schema";
import { setBreakglassExemption, setTenantAccess } from "@/lib/standing/commands";
import { retryProvisioning, setTenantDatabaseCluster } from "@/lib/tenants/commands";
import { issueNewInitialPassword, revealInitialPassword } from "@/lib/tenants/initial-credential";
import { changeTenantLifecycle, lifecycleConfirmationSchema } from "@/lib/tenants/lifecycle";

export const retryProvisioningAction = platformAction({
  bound: [BOUND.tenant],
  handle: async ({ bound: [id], actor }) => {
    await retryProvisioning(id, actor);
    return { message: "Retry queued." };
  },
});

export const setDatabaseClusterAction = platformAction({
  bound: [BOUND.tenant],
  handle: async ({ bound: [id], values, actor }) => {
    await setTenantDatabaseCluster(id, values.databaseUrl ?? "", actor);
    revalidatePath(`/tenants/${id}`);
    return { message: "Cluster saved. Retry the failed step to use it." };
  },
});

/** Shows the break-glass admin's initial password once; the sealed copy is destroyed as it is read. */
export const revealInitialPasswordAction = platformAction({
  bound: [BOUND.tenant],
  handle: async ({ bound: [id], actor }) => {
    const { username, password } = await revealInitialPassword(id, actor);
    return { message: "Copy this password now: it is not stored and will not be shown again.", values: { username, password } };
  },
});

/** A new one-time password for the break-glass admin, after its tenant key is typed to confirm; shown once. */
export const issueNewInitialPasswordAction = platformAction({
  bound: [BOUND.tenant],
  handle: async ({ bound: [id], values, actor }) => {
    const tenant = await controlDb().tenant.findUnique({ where: { id }, select: { key: true } });
    if (!tenant) throw new AppError("not_found", "Tenant not found.");
    if ((values.confirmKey ?? "").trim() !== tenant.key) {
      throw new AppError("validation_failed", "Type the tenant key to confirm.", { confirmKey: `Type “${tenant.key}” to confirm` });
    }
    const { username, password } = await issueNewInitialPassword(id, actor);
    revalidatePath(`/tenants/${id}`);
    return { message: "Copy this password now: it is not stored and will not be shown again. It must be changed at the first sign-in.", values: { username, password } };
  },
});

/** A lifecycle change from the tenant page: the action, a reason, and the tenant key typed to confirm. */
export const changeLifecycleAction = platformAction({
  bound: [BOUND.tenant],
  handle: async ({ bound: [id], values, actor }) => {
    const tenant = await controlDb().tenant.findUnique({ where: { id }, select: { key: true } });
    if (!tenant) throw new AppError("not_found", "Tenant not found.");
    const change = parseOrThrow(lifecycleConfirmationSchema(tenant.key), values);
    const result = await changeTenantLifecycle(id, change, actor);
    revalidatePath(`/tenants/${id}`);
    return { message: `${tenant.key} is now ${result.status}.`, values: {} };
  },
});

export const setQuotasAction = platformAction({
  bound: [BOUND.tenant],
  handle: async ({ bound: [id], values, actor }) => {
    await setQuotaOverrides(id, values, actor);
    revalidatePath(`/tenants/${id}`);
    return { message: "Quotas saved." };
  },
});

export const setRateLimitsAction = platformAction({
  bound: [BOUND.tenant],
  handle: async ({ bound: [id], values, actor }) => {
    await setTenantRateOverrides(id, values, actor);
    revalidatePath(`/tenants/${id}`);
    return { message: "Rate limits saved. Every app process applies them within 30 seconds." };
  },
});

export const setTenantAccessAction = platformAction({
  bound: [BOUND.tenant],
  input: tenantAccessFormSchema,
  handle: async ({ bound: [id], input, actor }) => {
    const changed = await setTenantAccess(id, input, actor);
    return { message: !changed ? "Nothing changed." : input.enabled ? "Access enabled." : "Access disabled." };
  },
});

export const setBreakglassExemptionAction = platformAction({
  bound: [BOUND.tenant],
  input: breakglassExemptionFormSchema,
  handle: async ({ bound: [id], input, actor }) => {
    const changed = await setBreakglassExemption(id, input, actor);
    return {
      message: !changed ? "Nothing changed." : input.allowed ? "The break-glass admin may now sign in despite the standing." : "The break-glass admin follows the standing again.",
    };
  },
});
