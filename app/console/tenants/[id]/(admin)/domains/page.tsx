import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { DomainListPage } from "@/components/domains/domain-list-page";

export const metadata: Metadata = { title: "Domains" };

export default async function ConsoleDomainsPage({ params }: { params: Promise<{ id: string }> }) {
  return <DomainListPage view={await requireTenantAdminPage({ on: "console", tenantId: (await params).id }, "settings:update")} />;
}
