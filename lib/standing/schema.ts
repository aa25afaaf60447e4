import { z } from "zod";
import { PAYMENT_STANDINGS, VERIFICATION_STATUSES, verificationReferencesSchema } from "@/lib/customers/schema";

export const MAX_NOTE = 1000;
export const MAX_REASON = 500;

const blankToUndefined = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : (v ?? undefined));
const note = z.preprocess(blankToUndefined, z.string().max(MAX_NOTE, `A note has at most ${MAX_NOTE} characters`).optional());
/** Forms send "true"/"false"; JSON sends booleans. */
const flag = (message: string) => z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: message }));

export const verificationChangeSchema = z.object({
  status: z.enum(VERIFICATION_STATUSES, { error: `Choose one of: ${VERIFICATION_STATUSES.join(", ")}` }),
  note,
  /** Replaces the stored references when given; left as they are when absent. */
  references: verificationReferencesSchema.optional(),
});
export type VerificationChange = z.output<typeof verificationChangeSchema>;

export const paymentChangeSchema = z.object({
  standing: z.enum(PAYMENT_STANDINGS, { error: `Choose one of: ${PAYMENT_STANDINGS.join(", ")}` }),
  note,
});
export type PaymentChange = z.output<typeof paymentChangeSchema>;

const reason = z.preprocess(blankToUndefined, z.string().max(MAX_REASON, `A reason has at most ${MAX_REASON} characters`).optional());

/** The tenant-wide switch: disabling needs a reason (it is shown on the workspace's status page). */
export const tenantAccessSchema = z
  .object({ enabled: flag("Say whether access is enabled (true or false)"), reason })
  .refine((v) => v.enabled || v.reason !== undefined, { path: ["reason"], message: "Give a reason for disabling access" });
export type TenantAccessChange = z.output<typeof tenantAccessSchema>;

export const userAccessSchema = z.object({ enabled: flag("Say whether the user is enabled (true or false)"), reason });
export type UserAccessChange = z.output<typeof userAccessSchema>;

export const breakglassExemptionSchema = z
  .object({ allowed: flag("Say whether the break-glass admin is allowed (true or false)"), reason })
  .refine((v) => !v.allowed || v.reason !== undefined, { path: ["reason"], message: "Give a reason for letting the break-glass admin in" });
export type BreakglassExemptionChange = z.output<typeof breakglassExemptionSchema>;
