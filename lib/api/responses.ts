import type { z } from "zod";
import { errorResponse } from "@/lib/errors/http";
import { PayloadTooLargeError } from "@/lib/api/body";

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

/** `{ code, message, fields? }` with the code's status (413 for an oversize body); other errors propagate. */
export function apiErrorResponse(error: unknown): Response {
  const response = errorResponse(error);
  if (!(error instanceof PayloadTooLargeError)) return response;
  return new Response(response.body, { status: 413, headers: response.headers });
}
