export const ERROR_CODES = [
  "validation_failed",
  "not_found",
  "forbidden",
  "conflict",
  "possible_duplicate",
  "quota_exceeded",
  "rate_limited",
  "tenant_suspended",
  "payment_required",
  "verification_required",
  "unauthorized",
  "service_unavailable",
  "method_not_allowed",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error a caller can act on: a stable code, a human message, and per-field messages for forms. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Facts a client may act on besides the message, e.g. the id of the record a duplicate repeats. */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
