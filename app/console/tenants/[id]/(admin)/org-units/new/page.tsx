import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { NewOrgUnitPage } from "@/components/org-units/new-org-unit-page";

export const metadata: Metadata = { title: "Create org unit" };

export default async function ConsoleCreateOrgUnitPage({ params }: { params: Promise<{ id: string }> }) {
  return <NewOrgUnitPage view={await requireTenantAdminPermission((await params).id, "ou:create")} />;
}
