import { openApiDocument } from "@/lib/api/openapi";

/** `GET /api/v1/openapi.json`: public, like any API reference; it describes no tenant's data. */
export async function openApiDocumentRoute(): Promise<Response> {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
