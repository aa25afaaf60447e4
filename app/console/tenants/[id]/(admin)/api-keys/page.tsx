import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { ApiKeyListPage } from "@/components/api-keys/api-key-list-page";

export const metadata: Metadata = { title: "Tenant API keys" };

export default async function ConsoleApiKeysPage({ params }: { params: Promise<{ id: string }> }) {
  return <ApiKeyListPage view={await requireTenantAdminPermission((await params).id, "apikey:list")} />;
}
