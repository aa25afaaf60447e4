import { isAppError, type ErrorCode } from "@/lib/errors/app-error";

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 429,
  tenant_suspended: 403,
  payment_required: 402,
  verification_required: 403,
  method_not_allowed: 405,
};

/** JSON error body `{ code, message, fields? }` with the status of its code; other errors are rethrown. */
export function errorResponse(error: unknown): Response {
  if (!isAppError(error)) throw error;
  const fields = Object.keys(error.fields).length ? { fields: error.fields } : {};
  return Response.json({ code: error.code, message: error.message, ...fields }, { status: STATUS[error.code], headers: { "cache-control": "no-store" } });
}
