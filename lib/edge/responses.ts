import type { z } from "zod";
import { errorResponse } from "@/lib/edge/error-response";
import { PayloadTooLargeError } from "@/lib/input/body";
import { rateLimitHeaders, RateLimitedError } from "@/lib/rate-limits/enforce";
import type { Consumed } from "@/lib/rate-limits/limiter";

const NO_STORE = { "cache-control": "no-store" } as const;

/**
 * A JSON response shaped by its documented schema: the schema strips anything it does not name,
 * so a response can never carry more than the OpenAPI document says (no hashes, no cluster URLs).
 */
export function respond<S extends z.ZodType>(schema: S, data: z.input<S>, status = 200): Response {
  return Response.json(schema.parse(data), { status, headers: NO_STORE });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

/**
 * `{ code, message, fields? }` with the code's status (413 for an oversize body; a rate limit's 429
 * with `Retry-After` and the RateLimit headers); other errors propagate.
 */
export function apiErrorResponse(error: unknown): Response {
  const response = errorResponse(error);
  if (error instanceof RateLimitedError) for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
  if (!(error instanceof PayloadTooLargeError)) return response;
  return new Response(response.body, { status: 413, headers: response.headers });
}

/** A successful response with the RateLimit headers of the tightest limit the request counted against. */
export function withRateLimitHeaders(response: Response, consumed: Consumed | null): Response {
  if (!consumed) return response;
  try {
    for (const [name, value] of Object.entries(rateLimitHeaders(consumed))) response.headers.set(name, value);
    return response;
  } catch {
    // Headers of some responses are immutable: copy.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(rateLimitHeaders(consumed))) copy.headers.set(name, value);
    return copy;
  }
}
