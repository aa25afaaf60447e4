import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { ApiKeyListPage } from "@/components/api-keys/api-key-list-page";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  return <ApiKeyListPage view={await requireTenantAdminPage({ on: "workspace" }, "apikey:list")} />;
}
