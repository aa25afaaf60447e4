import { z } from "zod";
import { formLines } from "@/lib/input/form";

// The standing of a customer: its verification (KYC) and its payments.

export const VERIFICATION_STATUSES = ["pending", "partial", "completed", "rekyc_due"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const VERIFICATION_STATUS_LABELS: Record<VerificationStatus, string> = {
  pending: "Pending",
  partial: "Partially verified",
  completed: "Completed",
  rekyc_due: "Re-KYC due",
};

export const PAYMENT_STANDINGS = ["current", "grace", "overdue"] as const;
export type PaymentStanding = (typeof PAYMENT_STANDINGS)[number];
export const PAYMENT_STANDING_LABELS: Record<PaymentStanding, string> = {
  current: "Current",
  grace: "In grace period",
  overdue: "Overdue",
};

const MAX_REFERENCES = 20;
const MAX_REFERENCE_LENGTH = 200;

/** References to verification artifacts (document ids in the KYC system), as JSON sends them: a list. */
export const verificationReferencesSchema = z
  .array(z.string().max(MAX_REFERENCE_LENGTH, `Each reference must be at most ${MAX_REFERENCE_LENGTH} characters`), { error: "Send the references as a list of strings" })
  .max(MAX_REFERENCES, `Add at most ${MAX_REFERENCES} references, one per line`);

/** The same from a form's textarea: one reference per line. */
export const verificationReferencesFormSchema = formLines(verificationReferencesSchema);
