import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { DomainListPage } from "@/components/domains/domain-list-page";

export const metadata: Metadata = { title: "Tenant custom domains" };

export default async function ConsoleDomainsPage({ params }: { params: Promise<{ id: string }> }) {
  return <DomainListPage view={await requireTenantAdminPermission((await params).id, "settings:update")} />;
}
