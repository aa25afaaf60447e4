import { noRoute } from "@/lib/api/methods";

// Any /scim/v2 path no endpoint serves: a SCIM error (404), not Next's HTML page.
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = noRoute("scim", "No SCIM endpoint at this path; the endpoints are listed at /scim/v2/ResourceTypes.");
