import type { ResponseConfig } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import { MAX_BODY_BYTES } from "@/lib/input/body";
import { errorSchema } from "@/lib/api/schemas/common";

// The responses a route spec declares for the OpenAPI document. Schemas are the ones the handlers
// answer with; the document names them (lib/api/openapi.ts).

/** What each refusal means, as the document says it. */
export const ERROR_STATUSES = {
  400: "`validation_failed`: a parameter or the body breaks a rule (`fields` says which).",
  401: "`unauthorized`: no credentials, or an API key that is not valid here, expired or revoked.",
  402: "`payment_required`: the customer's payment is overdue past the grace period; nobody of the tenant gets in until it is settled.",
  403: "`forbidden`: the credentials lack the permission, or belong to another tenant; `tenant_suspended`: the tenant is not active or billing disabled it; `verification_required`: the customer's re-verification is due past the grace period.",
  404: "`not_found`: no such object in this tenant (ids of another tenant's objects are not found either).",
  409: "`conflict`: a duplicate, or a state that does not allow the change; `possible_duplicate`: probably a record that exists already, confirm to go ahead.",
  429: "`rate_limited`: too many requests from this address, caller or tenant (see `Retry-After` and the `RateLimit` headers); `quota_exceeded`: the tenant is at its quota for this kind of object; nothing was created.",
  503: "`service_unavailable`: the database cannot be reached right now; retry after `Retry-After` seconds. Nothing was changed.",
  413: `\`validation_failed\`: the body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

export const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

/** A success response with a JSON body. */
export function returns(description: string, schema: z.ZodType, status = 200): Record<number, ResponseConfig> {
  return { [status]: { description, content: json(schema) } };
}

export const NO_CONTENT: Record<number, ResponseConfig> = { 204: { description: "Done; no content." } };

/** Refusals a route may give besides those every route of its kind may (a conflict, a quota). */
export function refusals(...statuses: ErrorStatus[]): Record<number, ResponseConfig> {
  return Object.fromEntries(statuses.map((status) => [status, { description: ERROR_STATUSES[status], content: json(errorSchema) }]));
}
