import { noRoute } from "@/lib/api/methods";

// Any /api/v1 path no route serves: the API's JSON 404, not Next's HTML page.
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = noRoute("rest", "No API route matches this path; the routes are listed in /api/v1/openapi.json.");
