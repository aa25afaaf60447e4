import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { NewOrgUnitPage } from "@/components/org-units/new-org-unit-page";

export const metadata: Metadata = { title: "New org unit · Org units" };

export default async function ConsoleCreateOrgUnitPage({ params }: { params: Promise<{ id: string }> }) {
  return <NewOrgUnitPage view={await requireTenantAdminPage({ on: "console", tenantId: (await params).id }, "ou:create")} />;
}
