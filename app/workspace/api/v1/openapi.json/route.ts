import { routeMethods } from "@/lib/api/methods";
import { openApiDocumentRoute } from "@/lib/api/openapi";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", openApiDocumentRoute);
