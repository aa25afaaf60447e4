import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { NewOrgUnitPage } from "@/components/org-units/new-org-unit-page";

export const metadata: Metadata = { title: "Create org unit" };

export default async function CreateOrgUnitPage() {
  return <NewOrgUnitPage view={await requireTenantAdminPage({ on: "workspace" }, "ou:create")} />;
}
