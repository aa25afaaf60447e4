import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { ApiKeyListPage } from "@/components/api-keys/api-key-list-page";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  return <ApiKeyListPage view={await requireTenantAdminPermission(null, "apikey:list")} />;
}
