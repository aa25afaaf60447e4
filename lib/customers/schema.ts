import { z } from "zod";
import { type GstinProblem, gstinPan, gstinProblem, isValidPan, isValidTan, normalizeIdentifier, panHolderType } from "@/lib/customers/identifiers";
import { gstCodeFitsState, indianState, stateOfGstCode } from "@/lib/customers/indian-states";
import { TENANT_KEY_MESSAGES, tenantKeyProblem } from "@/lib/kernel/tenant-key";
import { fieldErrors } from "@/lib/errors/zod";
import { PAYMENT_STANDINGS, VERIFICATION_STATUSES, verificationReferencesFormSchema, verificationReferencesSchema } from "@/lib/standing/values";

export const CUSTOMER_KINDS = ["individual", "business"] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const CUSTOMER_KIND_LABELS: Record<CustomerKind, string> = { individual: "Individual", business: "Business" };

export const TENANCIES = ["dedicated", "shared"] as const;
export type Tenancy = (typeof TENANCIES)[number];
export const TENANCY_LABELS: Record<Tenancy, string> = { dedicated: "Dedicated", shared: "Shared" };

export const GSTIN_MESSAGES: Record<GstinProblem, string> = {
  format: "GSTIN must be 15 characters: state code, PAN, entity number, Z, check character",
  state_code: "Unknown GSTIN state code",
  check_character: "GSTIN check character is wrong — check for a typo",
};

// Form values arrive as strings; a field that is absent from FormData is treated like "".
const orEmpty = (v: unknown) => v ?? "";
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : orEmpty(v));
const blankToUndefined = (v: unknown) => {
  if (typeof v !== "string") return v ?? undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
};
const identifier = (v: unknown) => (typeof v === "string" ? normalizeIdentifier(v) : orEmpty(v));
const optionalIdentifier = (v: unknown) => {
  const t = blankToUndefined(v);
  return typeof t === "string" ? normalizeIdentifier(t) : t;
};

function requiredText(what: string, label: string, max: number, min = 1) {
  let schema = z.string().min(1, { error: `Enter ${what}`, abort: true });
  if (min > 1) schema = schema.min(min, `${label} must be at least ${min} characters`);
  return z.preprocess(trimmed, schema.max(max, `${label} must be at most ${max} characters`));
}

function optionalText(label: string, max: number) {
  return z.preprocess(blankToUndefined, z.string().max(max, `${label} must be at most ${max} characters`).optional());
}

const PHONE_CHARACTERS = /^\+?[\d\s-]+$/;
const PHONE_DIGITS = /^\+?\d{8,15}$/;
const PHONE_MESSAGE = "Enter a phone number of 8–15 digits, optionally starting with +";

const customerFieldsObject = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(CUSTOMER_KINDS, { error: "Choose individual or business" })),
  legalName: requiredText("the legal name", "Legal name", 200, 2),
  displayName: requiredText("a display name", "Display name", 100, 2),
  pan: z.preprocess(
    identifier,
    z.string().min(1, { error: "Enter the PAN", abort: true }).refine(isValidPan, "Enter a valid PAN: 5 letters, 4 digits, 1 letter (e.g. ABCPE1234F)"),
  ),
  tan: z.preprocess(optionalIdentifier, z.string().refine(isValidTan, "Enter a valid TAN: 4 letters, 5 digits, 1 letter (e.g. MUMA12345B)").optional()),
  gstin: z.preprocess(
    optionalIdentifier,
    z
      .string()
      .superRefine((gstin, ctx) => {
        const problem = gstinProblem(gstin);
        if (problem !== null) ctx.addIssue({ code: "custom", message: GSTIN_MESSAGES[problem] });
      })
      .optional(),
  ),
  addressLine1: requiredText("the address", "Address", 200),
  addressLine2: optionalText("Address line 2", 200),
  city: requiredText("the city", "City", 100),
  state: requiredText("the state", "State", 100),
  postalCode: requiredText("the postal code", "Postal code", 12),
  country: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.toUpperCase()) : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, "Use a two-letter ISO country code, e.g. IN")
      .default("IN"),
  ),
  contactName: requiredText("the contact's name", "Contact name", 200),
  contactEmail: z.preprocess(
    trimmed,
    z.string().min(1, { error: "Enter the contact's email", abort: true }).max(254, "Email must be at most 254 characters").pipe(z.email("Enter a valid email address")),
  ),
  contactPhone: z.preprocess(
    trimmed,
    z
      .string()
      .min(1, { error: "Enter the contact's phone number", abort: true })
      .refine((p) => PHONE_CHARACTERS.test(p) && PHONE_DIGITS.test(p.replace(/[\s-]/g, "")), PHONE_MESSAGE)
      .transform((p) => p.replace(/[\s-]/g, "")),
  ),
  verificationStatus: z.preprocess(blankToUndefined, z.enum(VERIFICATION_STATUSES, { error: "Choose a verification status" }).default("pending")),
  // Absent: none at onboarding, unchanged on an update (a default here would also fill a PATCH that left it out).
  verificationReferences: verificationReferencesSchema.optional(),
  paymentStanding: z.preprocess(blankToUndefined, z.enum(PAYMENT_STANDINGS, { error: "Choose a payment standing" }).default("current")),
});

/** The onboarding and edit forms send the same fields as text: the references one per line. */
const customerFormFieldsObject = customerFieldsObject.extend({ verificationReferences: verificationReferencesFormSchema });

export type CustomerFields = z.output<typeof customerFieldsObject>;

// Cross-field rules also run when other fields failed, so the form shows every
// problem at once; each rule therefore re-checks the fields it depends on.
const runOnObjects = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

function checkGstinState(v: Pick<CustomerFields, "gstin" | "state" | "country">, ctx: z.RefinementCtx): void {
  if (v.country !== "IN" || typeof v.gstin !== "string" || typeof v.state !== "string" || gstinProblem(v.gstin) !== null) return;
  const code = v.gstin.slice(0, 2);
  if (gstCodeFitsState(code, v.state)) return;
  const registeredIn = stateOfGstCode(code)?.name ?? "another state";
  ctx.addIssue({
    code: "custom",
    path: ["gstin"],
    message: `This GSTIN's state code ${code} is ${registeredIn}, but the address is in ${indianState(v.state)?.name ?? v.state}`,
  });
}

function checkCustomerRules(v: Pick<CustomerFields, "kind" | "pan" | "gstin" | "state" | "country" | "postalCode">, ctx: z.RefinementCtx): void {
  const panOk = typeof v.pan === "string" && isValidPan(v.pan);
  if (v.kind === "individual" && panOk && panHolderType(v.pan) !== "individual") {
    ctx.addIssue({ code: "custom", path: ["pan"], message: "An individual's PAN has P as its fourth character" });
  }
  if (panOk && typeof v.gstin === "string" && gstinProblem(v.gstin) === null && gstinPan(v.gstin) !== v.pan) {
    ctx.addIssue({
      code: "custom",
      path: ["gstin"],
      message: `The PAN inside this GSTIN (${gstinPan(v.gstin)}) does not match the customer's PAN`,
    });
  }
  checkGstinState(v, ctx);
  if (v.country === "IN" && typeof v.postalCode === "string" && v.postalCode !== "" && !/^[1-9]\d{5}$/.test(v.postalCode)) {
    ctx.addIssue({ code: "custom", path: ["postalCode"], message: "Indian PIN codes have 6 digits" });
  }
}

/** A customer's fields as the REST API takes them (JSON); {@link customerFieldsFormSchema} for a form. */
export const customerFieldsSchema = customerFieldsObject.superRefine(checkCustomerRules, runOnObjects);
export const customerFieldsFormSchema = customerFormFieldsObject.superRefine(checkCustomerRules, runOnObjects);

/** Tenancy and tenant cannot change after creation, so updates take the customer fields only. */
export const updateCustomerSchema = customerFieldsSchema;

/**
 * The record without its standing (verification and payment), which the console changes on its
 * own panel with a note and a history entry: what the edit form sends.
 */
export const customerRecordSchema = customerFieldsObject
  .omit({ verificationStatus: true, verificationReferences: true, paymentStanding: true })
  .superRefine(checkCustomerRules, runOnObjects);
export type CustomerRecordInput = z.output<typeof customerRecordSchema>;

/** An update: the record, and optionally the standing (the API's PATCH may send it; changes get history). */
export type UpdateCustomerInput = CustomerRecordInput & Partial<Pick<CustomerFields, "verificationStatus" | "verificationReferences" | "paymentStanding">>;

export type CreateCustomerInput = (CustomerFields & { tenancy: "shared" }) | (CustomerFields & { tenancy: "dedicated"; tenantKey: string; tenantDisplayName: string });

const tenantFields = {
  tenancy: z.preprocess(blankToUndefined, z.enum(TENANCIES, { error: "Choose dedicated or shared tenancy" })),
  tenantKey: z.preprocess((v) => (typeof v === "string" ? blankToUndefined(v.toLowerCase()) : undefined), z.string().optional()),
  tenantDisplayName: z.preprocess((v) => (typeof v === "string" ? blankToUndefined(v) : undefined), z.string().optional()),
};

type TenantFields = { tenancy: Tenancy; tenantKey?: string; tenantDisplayName?: string };

// Tenant fields only matter for dedicated tenancy, hence a refinement rather than field schemas.
function checkTenantRules(v: TenantFields, ctx: z.RefinementCtx): void {
  if (v.tenancy !== "dedicated") return;
  if (v.tenantKey === undefined) {
    ctx.addIssue({ code: "custom", path: ["tenantKey"], message: "Enter a tenant key" });
  } else {
    const problem = tenantKeyProblem(v.tenantKey);
    if (problem !== null) ctx.addIssue({ code: "custom", path: ["tenantKey"], message: TENANT_KEY_MESSAGES[problem] });
  }
  const name = v.tenantDisplayName;
  if (name === undefined) {
    ctx.addIssue({ code: "custom", path: ["tenantDisplayName"], message: "Enter the tenant's display name" });
  } else if (name.length < 2 || name.length > 100) {
    ctx.addIssue({ code: "custom", path: ["tenantDisplayName"], message: "Tenant display name must be 2–100 characters" });
  }
}

function createSchema(fields: typeof customerFieldsObject | typeof customerFormFieldsObject) {
  return fields
    .extend(tenantFields)
    .superRefine((v, ctx) => {
      checkCustomerRules(v, ctx);
      checkTenantRules(v, ctx);
    }, runOnObjects)
    .transform((v, ctx): CreateCustomerInput => {
      const { tenancy, tenantKey, tenantDisplayName, ...customer } = v;
      if (tenancy === "shared") return { ...customer, tenancy };
      // Unreachable after the refinement above; narrows the types without casts.
      if (tenantKey === undefined || tenantDisplayName === undefined) {
        ctx.addIssue({ code: "custom", path: ["tenantKey"], message: "Enter a tenant key" });
        return z.NEVER;
      }
      return { ...customer, tenancy, tenantKey, tenantDisplayName };
    });
}

/** Onboarding as the REST API takes it (JSON). */
export const createCustomerSchema = createSchema(customerFieldsObject);
/** Onboarding from the console's form (the references one per line). */
export const createCustomerFormSchema = createSchema(customerFormFieldsObject);

const tenantFieldsSchema = z.object(tenantFields).superRefine(checkTenantRules);

export { fieldErrors };

/**
 * Validates the onboarding form: the parsed input, or every field's first error. Zod skips
 * object-level rules once a field has failed, so the tenancy rules are also checked on their own.
 */
export function validateCreateCustomer(values: Record<string, unknown>): { success: true; data: CreateCustomerInput } | { success: false; errors: Record<string, string> } {
  const parsed = createCustomerFormSchema.safeParse(values);
  if (parsed.success) return { success: true, data: parsed.data };
  const tenant = tenantFieldsSchema.safeParse(values);
  return { success: false, errors: { ...(tenant.success ? {} : fieldErrors(tenant.error)), ...fieldErrors(parsed.error) } };
}
