import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { DomainListPage } from "@/components/domains/domain-list-page";

export const metadata: Metadata = { title: "Custom domains" };

export default async function DomainsPage() {
  return <DomainListPage view={await requireTenantAdminPermission(null, "settings:update")} />;
}
