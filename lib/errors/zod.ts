import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/** First message per top-level field; issues without a path are keyed "_form". */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A `validation_failed` AppError with a message per field. */
export function invalidFields(errors: Record<string, string>): AppError {
  return new AppError("validation_failed", "Some fields need attention.", errors);
}

/** A `validation_failed` AppError carrying each field's first message. */
export function invalidInput(error: z.ZodError): AppError {
  return invalidFields(fieldErrors(error));
}

/** Parses `input` with `schema`, or throws `validation_failed` with the fields' messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}
