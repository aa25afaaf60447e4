import { noRoute } from "@/lib/api/methods";

// The console serves no SCIM: a SCIM error (404) for every path, not Next's HTML page.
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = noRoute("scim", "SCIM is served on a workspace's own host, not on the console.");
