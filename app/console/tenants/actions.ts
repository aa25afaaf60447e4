"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireConsole } from "@/lib/tenancy/request";
import { consoleActor } from "@/lib/audit/request-actor";
import { retryProvisioning, setTenantDatabaseCluster } from "@/lib/tenants/commands";
import { isAppError } from "@/lib/errors/app-error";
import { formValues, type FormState } from "@/lib/errors/form-state";

const tenantId = z.uuid();

async function run(prev: FormState, values: Record<string, string>, fn: () => Promise<void>, done: string): Promise<FormState> {
  const attempt = (prev.attempt ?? 0) + 1;
  try {
    await fn();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fields, values, attempt };
  }
  return { ok: true, message: done, fieldErrors: {}, values, attempt };
}

export async function retryProvisioningAction(id: string, prev: FormState): Promise<FormState> {
  await requireConsole();
  const parsed = tenantId.parse(id);
  const actor = await consoleActor();
  return run(prev, {}, () => retryProvisioning(parsed, actor), "Retry queued.");
}

export async function setDatabaseClusterAction(id: string, prev: FormState, formData: FormData): Promise<FormState> {
  await requireConsole();
  const parsed = tenantId.parse(id);
  const values = formValues(formData);
  const actor = await consoleActor();
  const state = await run(prev, values, () => setTenantDatabaseCluster(parsed, values.databaseUrl ?? "", actor), "Cluster saved. Retry the failed step to use it.");
  revalidatePath(`/tenants/${parsed}`);
  return state;
}
