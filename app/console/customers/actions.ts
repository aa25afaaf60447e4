"use server";

import { authorizeSuperadmin } from "@/lib/auth/guards";
import { updateCustomerSchema, fieldErrors, validateCreateCustomer } from "@/lib/customers/schema";
import { createCustomer, updateCustomer } from "@/lib/customers/service";
import { clusterUrlSchema } from "@/lib/tenants/commands";
import { AppError } from "@/lib/errors/app-error";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";

const invalid = (errors: Record<string, string>) => new AppError("validation_failed", "Some fields need attention.", errors);

export async function createCustomerAction(prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const parsed = validateCreateCustomer(values);
    const cluster = clusterUrlSchema.safeParse(values.databaseUrl ?? "");
    if (!parsed.success || !cluster.success) {
      const errors = parsed.success ? {} : parsed.errors;
      if (!cluster.success) errors.databaseUrl = cluster.error.issues[0]?.message ?? "Invalid URL";
      throw invalid(errors);
    }
    const created = await createCustomer(parsed.data, actor, { databaseUrl: cluster.data });
    const redirectTo = parsed.data.tenancy === "dedicated" ? `/tenants/${created.tenantId}` : `/customers/${created.customerId}`;
    return { message: "Customer onboarded.", redirectTo };
  });
}

export async function updateCustomerAction(customerId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const parsed = updateCustomerSchema.safeParse(values);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    await updateCustomer(customerId, parsed.data, actor);
    return { message: "Saved." };
  });
}
