import { SCIM_CONTENT_TYPE } from "@/lib/scim/schemas";

const HEADERS = { "content-type": SCIM_CONTENT_TYPE, "cache-control": "no-store" } as const;

/** A SCIM JSON response (`application/scim+json`). */
export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...headers } });
}

export function scimNoContent(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
