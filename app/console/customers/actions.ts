"use server";

import { customerRecordSchema, fieldErrors, validateCreateCustomer } from "@/lib/customers/schema";
import { createCustomer, updateCustomer } from "@/lib/customers/service";
import { platformAction, platformResourceAction } from "@/lib/edge/platform-action";
import { AppError } from "@/lib/errors/app-error";
import { paymentChangeSchema, tenantAccessFormSchema, verificationChangeFormSchema } from "@/lib/standing/schema";
import { changePaymentStanding, changeVerification, setCustomerAccess } from "@/lib/standing/service";
import { clusterUrlSchema } from "@/lib/tenants/commands";

const invalid = (errors: Record<string, string>) => new AppError("validation_failed", "Some fields need attention.", errors);

export const createCustomerAction = platformAction({
  handle: async ({ values, actor }) => {
    // The customer's rules and the optional cluster URL are checked together, so every field error shows at once.
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
  },
});

export const updateCustomerAction = platformResourceAction("customer", {
  handle: async ({ id, values, actor }) => {
    const parsed = customerRecordSchema.safeParse(values);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    await updateCustomer(id, parsed.data, actor);
    return { message: "Saved." };
  },
});

export const changeVerificationAction = platformResourceAction("customer", {
  input: verificationChangeFormSchema,
  handle: async ({ id, input, actor }) => ({ message: (await changeVerification(id, input, actor)) ? "Verification updated." : "Nothing changed." }),
});

export const changePaymentStandingAction = platformResourceAction("customer", {
  input: paymentChangeSchema,
  handle: async ({ id, input, actor }) => ({ message: (await changePaymentStanding(id, input, actor)) ? "Payment standing updated." : "Nothing changed." }),
});

/** A shared customer's billing switch: locks or unlocks its organization in the cloud tenant. */
export const setCustomerAccessAction = platformResourceAction("customer", {
  input: tenantAccessFormSchema,
  handle: async ({ id, input, actor }) => {
    const changed = await setCustomerAccess(id, input, actor);
    return { message: !changed ? "Nothing changed." : input.enabled ? "Organization access enabled." : "Organization access disabled." };
  },
});
