import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { DomainListPage } from "@/components/domains/domain-list-page";

export const metadata: Metadata = { title: "Custom domains" };

export default async function DomainsPage() {
  return <DomainListPage view={await requireTenantAdminPage({ on: "workspace" }, "settings:update")} />;
}
