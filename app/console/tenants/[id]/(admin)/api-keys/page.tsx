import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { ApiKeyListPage } from "@/components/api-keys/api-key-list-page";

export const metadata: Metadata = { title: "API keys" };

export default async function ConsoleApiKeysPage({ params }: { params: Promise<{ id: string }> }) {
  return <ApiKeyListPage view={await requireTenantAdminPage({ on: "console", tenantId: (await params).id }, "apikey:list")} />;
}
