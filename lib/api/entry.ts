import { AppError } from "@/lib/errors/app-error";
import { apiErrorResponse } from "@/lib/edge/responses";
import { apiKindOf, type ApiKind } from "@/lib/tenancy/api-paths";
import { ScimError, scimErrorResponse, toScimError } from "@/lib/scim/errors";
import { decodeComponent } from "@/shared/percent";
import { textProblem } from "@/shared/unsafe-text";

// What every /api/v1 and /scim/v2 request meets before a route handler: refusals in the API's own
// error shape, never Next's HTML pages or empty bodies.

/** The methods Next routes to a route handler; it answers any other with an empty 400 itself. */
export const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

interface RefusalOptions {
  /** Instead of the code's own status (501 for a method nobody routes). */
  status?: number;
  headers?: Record<string, string>;
}

/** `error` as the API of `kind` answers it: REST `{ code, message, fields? }`, SCIM's error schema. */
export function apiRefusal(kind: ApiKind, error: AppError, options: RefusalOptions = {}): Response {
  if (kind === "scim") {
    const scim = toScimError(error);
    return scimErrorResponse(options.status ? new ScimError(options.status, scim.scimType, scim.message) : scim, options.headers);
  }
  const response = apiErrorResponse(error);
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return new Response(response.body, { status: options.status ?? response.status, headers });
}

const shown = (segment: string) => (segment.length > 60 ? `${segment.slice(0, 60)}…` : segment);

/** Why a raw path segment cannot be taken, or null: it must decode to UTF-8 text the text rule allows. */
function segmentProblem(segment: string): string | null {
  const decoded = decodeComponent(segment);
  if (decoded === null) return `“${shown(segment)}” is not percent-encoded UTF-8 (a malformed escape such as %zz, a byte such as %FF, or an encoded surrogate).`;
  const problem = textProblem(decoded);
  return problem ? `“${shown(segment)}”: ${problem}` : null;
}

/** 501 `method_not_allowed`: a method no resource of the API supports (RFC 9110 §15.6.2), in its error shape. */
export function methodRefusal(kind: ApiKind, method: string): Response {
  return apiRefusal(kind, new AppError("method_not_allowed", `This API does not support the method ${method}.`), { status: 501 });
}

/**
 * What the proxy answers itself for an API path, before routing; null to route it. A method Next
 * does not route is 501, a path segment that does not decode (Next's router would answer an HTML
 * 400 or a plain-text 500) is `validation_failed` on `_path`, and a host that is no workspace is
 * `not_found`, each in the API's error shape.
 */
export function entryRefusal(method: string, pathname: string, hostFound: boolean): Response | null {
  const kind = apiKindOf(pathname);
  if (!kind) return null;
  if (!(ROUTE_METHODS as readonly string[]).includes(method)) return methodRefusal(kind, method);
  for (const segment of pathname.split("/")) {
    const problem = segmentProblem(segment);
    if (problem) return apiRefusal(kind, new AppError("validation_failed", "The request path is not valid.", { _path: problem }));
  }
  if (!hostFound) return apiRefusal(kind, new AppError("not_found", "Unknown workspace."));
  return null;
}
