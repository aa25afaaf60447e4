import { openApiDocumentRoute } from "@/lib/api/v1/openapi-document";

export const GET = openApiDocumentRoute;
