"use server";

import { requireConsole } from "@/lib/tenancy/request";
import { consoleActor } from "@/lib/audit/request-actor";
import { fieldErrors, updateCustomerSchema, validateCreateCustomer } from "@/lib/customers/schema";
import { createCustomer, updateCustomer } from "@/lib/customers/service";
import { clusterUrlSchema } from "@/lib/tenants/commands";
import { isAppError } from "@/lib/errors/app-error";
import { formValues, type FormState } from "@/lib/errors/form-state";

function invalid(values: Record<string, string>, errors: Record<string, string>, prev: FormState): FormState {
  return { ok: false, code: "validation_failed", message: "Some fields need attention.", fieldErrors: errors, values, attempt: (prev.attempt ?? 0) + 1 };
}

function failed(values: Record<string, string>, error: unknown, prev: FormState): FormState {
  if (!isAppError(error)) throw error;
  return { ok: false, code: error.code, message: error.message, fieldErrors: error.fields, values, attempt: (prev.attempt ?? 0) + 1 };
}

export async function createCustomerAction(prev: FormState, formData: FormData): Promise<FormState> {
  await requireConsole();
  const values = formValues(formData);
  const parsed = validateCreateCustomer(values);
  const cluster = clusterUrlSchema.safeParse(values.databaseUrl ?? "");
  if (!parsed.success || !cluster.success) {
    const errors = parsed.success ? {} : parsed.errors;
    if (!cluster.success) errors.databaseUrl = cluster.error.issues[0]?.message ?? "Invalid URL";
    return invalid(values, errors, prev);
  }
  let created;
  try {
    created = await createCustomer(parsed.data, await consoleActor(), { databaseUrl: cluster.data });
  } catch (error) {
    return failed(values, error, prev);
  }
  const redirectTo = parsed.data.tenancy === "dedicated" ? `/tenants/${created.tenantId}` : `/customers/${created.customerId}`;
  return { ok: true, message: "Customer onboarded.", fieldErrors: {}, values, attempt: (prev.attempt ?? 0) + 1, redirectTo };
}

export async function updateCustomerAction(customerId: string, prev: FormState, formData: FormData): Promise<FormState> {
  await requireConsole();
  const values = formValues(formData);
  const parsed = updateCustomerSchema.safeParse(values);
  if (!parsed.success) return invalid(values, fieldErrors(parsed.error), prev);
  try {
    await updateCustomer(customerId, parsed.data, await consoleActor());
  } catch (error) {
    return failed(values, error, prev);
  }
  return { ok: true, message: "Saved.", fieldErrors: {}, values, attempt: (prev.attempt ?? 0) + 1 };
}
