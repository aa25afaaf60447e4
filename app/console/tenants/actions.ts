"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeSuperadmin } from "@/lib/auth/guards";
import { retryProvisioning, setTenantDatabaseCluster } from "@/lib/tenants/commands";
import { revealInitialPassword } from "@/lib/tenants/initial-credential";
import { AppError } from "@/lib/errors/app-error";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { changeTenantLifecycle, lifecycleConfirmationSchema } from "@/lib/tenants/lifecycle";
import { setQuotaOverrides } from "@/lib/quotas/limits";
import { setTenantRateOverrides } from "@/lib/rate-limits/overrides";
import { controlDb } from "@/lib/db/control";
import { breakglassExemptionFormSchema, tenantAccessFormSchema } from "@/lib/standing/schema";
import { setBreakglassExemption, setTenantAccess } from "@/lib/standing/service";

function tenantIdOf(id: string): string {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new AppError("not_found", "Tenant not found.");
  return parsed.data;
}

export async function retryProvisioningAction(id: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { actor } = await authorizeSuperadmin();
    await retryProvisioning(tenantIdOf(id), actor);
    return { message: "Retry queued." };
  });
}

export async function setDatabaseClusterAction(id: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const tenantId = tenantIdOf(id);
    await setTenantDatabaseCluster(tenantId, values.databaseUrl ?? "", actor);
    revalidatePath(`/tenants/${tenantId}`);
    return { message: "Cluster saved. Retry the failed step to use it." };
  });
}

/** Shows the break-glass admin's initial password once; the sealed copy is destroyed as it is read. */
export async function revealInitialPasswordAction(id: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { actor } = await authorizeSuperadmin();
    const { username, password } = await revealInitialPassword(tenantIdOf(id), actor);
    return { message: "Copy this password now: it is not stored and will not be shown again.", values: { username, password } };
  });
}

/** A lifecycle change from the tenant page: the action, a reason, and the tenant key typed to confirm. */
export async function changeLifecycleAction(id: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const tenantId = tenantIdOf(id);
    const tenant = await controlDb().tenant.findUnique({ where: { id: tenantId }, select: { key: true } });
    if (!tenant) throw new AppError("not_found", "Tenant not found.");
    const change = parseOrThrow(lifecycleConfirmationSchema(tenant.key), values);
    const result = await changeTenantLifecycle(tenantId, change, actor);
    revalidatePath(`/tenants/${tenantId}`);
    return { message: `${tenant.key} is now ${result.status}.`, values: {} };
  });
}

export async function setQuotasAction(id: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const tenantId = tenantIdOf(id);
    await setQuotaOverrides(tenantId, values, actor);
    revalidatePath(`/tenants/${tenantId}`);
    return { message: "Quotas saved." };
  });
}

export async function setRateLimitsAction(id: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const tenantId = tenantIdOf(id);
    await setTenantRateOverrides(tenantId, values, actor);
    revalidatePath(`/tenants/${tenantId}`);
    return { message: "Rate limits saved. Every app process applies them within 30 seconds." };
  });
}

export async function setTenantAccessAction(id: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const change = parseOrThrow(tenantAccessFormSchema, values);
    const changed = await setTenantAccess(tenantIdOf(id), change, actor);
    return { message: !changed ? "Nothing changed." : change.enabled ? "Access enabled." : "Access disabled." };
  });
}

export async function setBreakglassExemptionAction(id: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const change = parseOrThrow(breakglassExemptionFormSchema, values);
    const changed = await setBreakglassExemption(tenantIdOf(id), change, actor);
    return { message: !changed ? "Nothing changed." : change.allowed ? "The break-glass admin may now sign in despite the standing." : "The break-glass admin follows the standing again." };
  });
}
