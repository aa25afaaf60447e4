import { isAppError, type ErrorCode } from "@/lib/errors/app-error";
import { PayloadTooLargeError } from "@/lib/input/body";
import { SCIM_CONTENT_TYPE, SCIM_SCHEMAS } from "@/lib/scim/schemas";
import { isDatabaseUnavailable } from "@/lib/db/errors";

/** RFC 7644 §3.12 `scimType` values this server answers with. */
export type ScimType = "invalidFilter" | "invalidValue" | "invalidSyntax" | "invalidPath" | "noTarget" | "mutability" | "uniqueness" | "tooMany";

/** An error in the SCIM protocol's own terms (status, optional scimType, detail). */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
    this.name = "ScimError";
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, "invalidFilter", detail);
export const invalidValue = (detail: string) => new ScimError(400, "invalidValue", detail);
export const scimNotFound = (resource: string, id: string) => new ScimError(404, undefined, `${resource} ${id} not found.`);
export const scimUnauthorized = (detail: string) => new ScimError(401, undefined, detail);

/** How the services' AppError codes read in SCIM: a taken name is `uniqueness`, bad input `invalidValue`. */
const FROM_APP_ERROR: Record<ErrorCode, { status: number; scimType?: ScimType }> = {
  validation_failed: { status: 400, scimType: "invalidValue" },
  unauthorized: { status: 401 },
  forbidden: { status: 403 },
  not_found: { status: 404 },
  conflict: { status: 409, scimType: "uniqueness" },
  possible_duplicate: { status: 409, scimType: "uniqueness" },
  quota_exceeded: { status: 429 },
  rate_limited: { status: 429 },
  tenant_suspended: { status: 403 },
  payment_required: { status: 402 },
  verification_required: { status: 403 },
  service_unavailable: { status: 503 },
  method_not_allowed: { status: 405 },
};

/** The services' field messages appended to the detail, so a client's log says what was wrong. */
function appErrorDetail(message: string, fields: Record<string, string>): string {
  const parts = Object.entries(fields).map(([field, text]) => `${field}: ${text}`);
  return parts.length ? `${message} (${parts.join("; ")})` : message;
}

/** Any ScimError or AppError as a SCIM error; anything else is not ours to describe. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof PayloadTooLargeError) return new ScimError(413, undefined, error.message);
  if (isDatabaseUnavailable(error)) return new ScimError(503, undefined, "The service is briefly unavailable (its database cannot be reached). Retry shortly.");
  if (isAppError(error)) {
    const { status, scimType } = FROM_APP_ERROR[error.code];
    return new ScimError(status, scimType, appErrorDetail(error.message, error.fields));
  }
  throw error;
}

export function scimErrorBody(error: ScimError) {
  return { schemas: [SCIM_SCHEMAS.error], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.message };
}

/** Any ScimError or AppError as SCIM's error response (`application/scim+json`); a 401 names the Bearer scheme. */
export function scimErrorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  const scimError = toScimError(error);
  const challenge: Record<string, string> = scimError.status === 401 ? { "www-authenticate": 'Bearer realm="scim"' } : scimError.status === 503 ? { "retry-after": "5" } : {};
  return new Response(JSON.stringify(scimErrorBody(scimError)), {
    status: scimError.status,
    headers: { "content-type": SCIM_CONTENT_TYPE, "cache-control": "no-store", ...challenge, ...headers },
  });
}
