import { isAppError } from "@/lib/errors/app-error";
import type { FormState } from "@/lib/forms/form-state";
import { refuseUnsafeText } from "@/lib/input/text";

/**
 * Runs a server action's work and turns an AppError (validation, conflict, unauthorized, …) into
 * form state the form shows; anything else is a bug and propagates. The form's values are text
 * like any input (lib/input/text.ts): a NUL or unpaired surrogate is refused next to its field.
 */
export async function runAction(prev: FormState, values: Record<string, string>, work: () => Promise<Partial<FormState> | void>): Promise<FormState> {
  const attempt = (prev.attempt ?? 0) + 1;
  try {
    refuseUnsafeText(values, "_form");
    const result = (await work()) ?? {};
    return { ok: true, fieldErrors: {}, values, attempt, ...result };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const details = Object.keys(error.details).length ? { details: error.details } : {};
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fields, values, attempt, ...details };
  }
}

/** FormData as plain strings (multi-valued fields keep their last value; files are ignored). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !name.startsWith("$ACTION")) values[name] = value;
  }
  return values;
}
