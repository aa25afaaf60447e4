import { z } from "zod";
import { PAYMENT_STANDINGS, VERIFICATION_STATUSES, verificationReferencesFormSchema, verificationReferencesSchema } from "@/lib/standing/values";
import { formBoolean } from "@/lib/input/form";

export const MAX_NOTE = 1000;
export const MAX_REASON = 500;

const blankToUndefined = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : (v ?? undefined));
const note = z.preprocess(blankToUndefined, z.string().max(MAX_NOTE, `A note has at most ${MAX_NOTE} characters`).optional());
// Each change is a JSON body of the REST API (booleans, lists) and, where the console has a form
// for it, a form twin reading the same fields from text (lib/input/form.ts).

const status = z.enum(VERIFICATION_STATUSES, { error: `Choose one of: ${VERIFICATION_STATUSES.join(", ")}` });

/** `references` replaces the stored references when given; they are left as they are when absent. */
export const verificationChangeSchema = z.object({ status, note, references: verificationReferencesSchema.optional() });
export type VerificationChange = z.output<typeof verificationChangeSchema>;
/** The console's form: the references one per line. */
export const verificationChangeFormSchema = z.object({ status, note, references: verificationReferencesFormSchema.optional() });

export const paymentChangeSchema = z.object({
  standing: z.enum(PAYMENT_STANDINGS, { error: `Choose one of: ${PAYMENT_STANDINGS.join(", ")}` }),
  note,
});
export type PaymentChange = z.output<typeof paymentChangeSchema>;

const reason = z.preprocess(blankToUndefined, z.string().max(MAX_REASON, `A reason has at most ${MAX_REASON} characters`).optional());

const accessEnabled = z.boolean({ error: "Say whether access is enabled (true or false)" });
const accessChange = (enabled: z.ZodType<boolean>) =>
  z.object({ enabled, reason }).refine((v) => v.enabled || v.reason !== undefined, { path: ["reason"], message: "Give a reason for disabling access" });

/** The tenant-wide (or shared customer's) switch: disabling needs a reason (it is shown on the workspace's status page). */
export const tenantAccessSchema = accessChange(accessEnabled);
export type TenantAccessChange = z.output<typeof tenantAccessSchema>;
/** The console's form: `enabled` as "true" or "false". */
export const tenantAccessFormSchema = accessChange(formBoolean(accessEnabled));

export const userAccessSchema = z.object({ enabled: z.boolean({ error: "Say whether the user is enabled (true or false)" }), reason });
export type UserAccessChange = z.output<typeof userAccessSchema>;

/** The console's form only (no API): `allowed` as "true" or "false". */
export const breakglassExemptionFormSchema = z
  .object({ allowed: formBoolean(z.boolean({ error: "Say whether the break-glass admin is allowed (true or false)" })), reason })
  .refine((v) => !v.allowed || v.reason !== undefined, { path: ["reason"], message: "Give a reason for letting the break-glass admin in" });
export type BreakglassExemptionChange = z.output<typeof breakglassExemptionFormSchema>;
