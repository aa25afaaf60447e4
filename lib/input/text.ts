import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

// Text Gatehouse takes from anyone: no NUL character (PostgreSQL cannot store one in text or
// jsonb, so it answered 500) and no unpaired UTF-16 surrogate (not Unicode text: a text column
// silently turns it into U+FFFD and jsonb refuses it). One rule, applied where input comes in:
// the JSON body reader (REST and SCIM), the API's and SCIM's query strings and path parameters,
// server actions' form values, and the query schemas pages parse their search params with.

export const NUL_MESSAGE = "Text cannot contain the NUL character (U+0000).";
export const SURROGATE_MESSAGE = "Text cannot contain an unpaired surrogate (malformed Unicode).";

/** A NUL, or a surrogate that is not half of a pair (`u` mode reads a pair as one code point). */
const UNSAFE = /[\u0000\ud800-\udfff]/u;

/** Why `text` cannot be taken, or null when it can. */
export function textProblem(text: string): string | null {
  const found = UNSAFE.exec(text);
  if (!found) return null;
  return found[0] === "\u0000" ? NUL_MESSAGE : SURROGATE_MESSAGE;
}

/** `text` with each NUL and unpaired surrogate replaced by U+FFFD, for recording what was refused. */
export function replaceUnsafeText(text: string): string {
  return text.replace(new RegExp(UNSAFE.source, "gu"), "\ufffd");
}

/** A string field that refuses NUL and unpaired surrogates (chain `.trim()`, `.max()`, … as usual). */
export function plainText() {
  return z.string().superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

export interface TextFault {
  /** Where: object keys and array indexes from the top. */
  path: (string | number)[];
  message: string;
}

/** The first string (or object key) in a JSON-like value that breaks the rule, depth first. */
export function findUnsafeText(value: unknown, path: (string | number)[] = []): TextFault | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, message: problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const fault = findUnsafeText(item, [...path, index]);
      if (fault) return fault;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) return { path: [...path, key], message: problem };
      const fault = findUnsafeText(item, [...path, key]);
      if (fault) return fault;
    }
  }
  return null;
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
