"use server";

import { customerRecordSchema, validateCreateCustomer } from "@/lib/customers/schema";
import { createCustomer, updateCustomer } from "@/lib/customers/service";
import { BOUND } from "@/lib/edge/bound";
import { platformAction } from "@/lib/edge/platform-action";
import { invalidFields } from "@/lib/errors/zod";
import { paymentChangeSchema, tenantAccessFormSchema, verificationChangeFormSchema } from "@/lib/standing/schema";
import { changePaymentStanding, changeVerification, setCustomerAccess } from "@/lib/standing/commands";
import { clusterUrlSchema } from "@/lib/tenants/commands";

export const createCustomerAction = platformAction({
  handle: async ({ values, actor }) => {
    // The customer's rules and the optional cluster URL are checked together, so every field error shows at once.
    const parsed = validateCreateCustomer(values);
    const cluster = clusterUrlSchema.safeParse(values.databaseUrl ?? "");
    if (!parsed.success || !cluster.success) {
      const errors = parsed.success ? {} : parsed.errors;
      if (!cluster.success) errors.databaseUrl = cluster.error.issues[0]?.message ?? "Invalid URL";
      throw invalidFields(errors);
    }
    // "Onboard anyway" after a duplicate warning submits the form again with this button's value.
    const created = await createCustomer(parsed.data, actor, { databaseUrl: cluster.data, confirmDuplicate: values.confirmDuplicate === "true" });
    const redirectTo = parsed.data.tenancy === "dedicated" ? `/tenants/${created.tenantId}` : `/customers/${created.customerId}`;
    return { message: "Customer onboarded.", redirectTo };
  },
});

export const updateCustomerAction = platformAction({
  bound: [BOUND.customer],
  input: customerRecordSchema,
  handle: async ({ bound: [id], input, actor }) => {
    await updateCustomer(id, input, actor);
    return { message: "Saved." };
  },
});

export const changeVerificationAction = platformAction({
  bound: [BOUND.customer],
  input: verificationChangeFormSchema,
  handle: async ({ bound: [id], input, actor }) => ({ message: (await changeVerification(id, input, actor)) ? "Verification updated." : "Nothing changed." }),
});

export const changePaymentStandingAction = platformAction({
  bound: [BOUND.customer],
  input: paymentChangeSchema,
  handle: async ({ bound: [id], input, actor }) => ({ message: (await changePaymentStanding(id, input, actor)) ? "Payment standing updated." : "Nothing changed." }),
});

/** A shared customer's billing switch: locks or unlocks its organization in the cloud tenant. */
export const setCustomerAccessAction = platformAction({
  bound: [BOUND.customer],
  input: tenantAccessFormSchema,
  handle: async ({ bound: [id], input, actor }) => {
    const changed = await setCustomerAccess(id, input, actor);
    return { message: !changed ? "Nothing changed." : input.enabled ? "Organization access enabled." : "Organization access disabled." };
  },
});
