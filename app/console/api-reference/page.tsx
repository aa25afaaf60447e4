import type { Metadata } from "next";
import { openApiDocument } from "@/lib/api/openapi";
import { apiReferenceView } from "@/lib/api/reference";
import { ApiReference } from "@/components/api/api-reference";

export const metadata: Metadata = { title: "API reference" };

/** The REST API reference, public like the OpenAPI document it is rendered from. */
export default function ApiReferencePage() {
  return <ApiReference view={apiReferenceView(openApiDocument())} />;
}
