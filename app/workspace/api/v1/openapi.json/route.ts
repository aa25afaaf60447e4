import { routeMethods } from "@/lib/api/methods";
import { openApiDocumentRoute } from "@/lib/api/v1/openapi-document";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", { GET: openApiDocumentRoute });
