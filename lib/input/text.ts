import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { findUnsafeText, textProblem } from "@/shared/unsafe-text";

// The app's side of the one text rule (shared/unsafe-text.ts: no NUL, no unpaired surrogate),
// applied where input comes in: the JSON body reader (REST and SCIM), the API's and SCIM's query
// strings and path parameters, server actions' form values, and the query schemas pages parse
// their search params with.

/** A string field that refuses NUL and unpaired surrogates (chain `.trim()`, `.max()`, … as usual). */
export function plainText() {
  return z.string().superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/**
 * Throws `validation_failed` naming the field (the top-level key; `whole` for a value that is
 * not an object, e.g. `_body`) when any string in `value` breaks the rule; the message says
 * where below the field, if deeper.
 */
export function refuseUnsafeText(value: unknown, whole = "_body"): void {
  const fault = findUnsafeText(value);
  if (!fault) return;
  const [field, ...below] = fault.path;
  const key = typeof field === "string" ? field : whole;
  const where = typeof field === "string" ? below : fault.path;
  const message = where.length ? `${fault.message.replace(/\.$/, "")} (at ${where.join(".")}).` : fault.message;
  throw new AppError("validation_failed", "Some fields need attention.", { [key]: message });
}
