"use server";

import { authorizeSuperadmin } from "@/lib/auth/guards";
import { z } from "zod";
import { customerRecordSchema, fieldErrors, validateCreateCustomer } from "@/lib/customers/schema";
import { parseOrThrow } from "@/lib/errors/zod";
import { paymentChangeSchema, tenantAccessFormSchema, verificationChangeFormSchema } from "@/lib/standing/schema";
import { changePaymentStanding, changeVerification, setCustomerAccess } from "@/lib/standing/service";
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
    const parsed = customerRecordSchema.safeParse(values);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    await updateCustomer(customerId, parsed.data, actor);
    return { message: "Saved." };
  });
}

function customerIdOf(id: string): string {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new AppError("not_found", "Customer not found.");
  return parsed.data;
}

export async function changeVerificationAction(customerId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const change = parseOrThrow(verificationChangeFormSchema, values);
    const changed = await changeVerification(customerIdOf(customerId), change, actor);
    return { message: changed ? "Verification updated." : "Nothing changed." };
  });
}

export async function changePaymentStandingAction(customerId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const change = parseOrThrow(paymentChangeSchema, values);
    const changed = await changePaymentStanding(customerIdOf(customerId), change, actor);
    return { message: changed ? "Payment standing updated." : "Nothing changed." };
  });
}

/** A shared customer's billing switch: locks or unlocks its organization in the cloud tenant. */
export async function setCustomerAccessAction(customerId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { actor } = await authorizeSuperadmin();
    const change = parseOrThrow(tenantAccessFormSchema, values);
    const changed = await setCustomerAccess(customerIdOf(customerId), change, actor);
    return { message: !changed ? "Nothing changed." : change.enabled ? "Organization access enabled." : "Organization access disabled." };
  });
}
