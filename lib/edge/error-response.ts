import { isAppError, type ErrorCode } from "@/lib/errors/app-error";
import { isDatabaseUnavailable } from "@/lib/db/errors";

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  possible_duplicate: 409,
  quota_exceeded: 429,
  rate_limited: 429,
  tenant_suspended: 403,
  payment_required: 402,
  verification_required: 403,
  service_unavailable: 503,
  method_not_allowed: 405,
};

/** How long a client should wait before retrying while the database is unreachable. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * JSON error body `{ code, message, fields? }` with the status of its code; an unreachable database
 * is `503 service_unavailable` with `Retry-After`; other errors are rethrown.
 */
export function errorResponse(error: unknown): Response {
  if (isDatabaseUnavailable(error)) {
    return Response.json(
      { code: "service_unavailable", message: "The service is briefly unavailable (its database cannot be reached). Retry shortly." },
      { status: 503, headers: { "cache-control": "no-store", "retry-after": String(UNAVAILABLE_RETRY_SECONDS) } },
    );
  }
  if (!isAppError(error)) throw error;
  const fields = Object.keys(error.fields).length ? { fields: error.fields } : {};
  const details = Object.keys(error.details).length ? { details: error.details } : {};
  return Response.json({ code: error.code, message: error.message, ...fields, ...details }, { status: STATUS[error.code], headers: { "cache-control": "no-store" } });
}
