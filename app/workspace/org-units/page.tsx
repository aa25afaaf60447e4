import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { canSomewhere } from "@/lib/permissions/permissions";
import { OrgUnitListPage } from "@/components/org-units/org-unit-list-page";

export const metadata: Metadata = { title: "Org units" };

export default async function OrgUnitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const view = await requireTenantAdminPage({ on: "workspace" });
  if (!canSomewhere(view.principal, "ou:read")) forbidden();
  return <OrgUnitListPage view={view} params={await searchParams} />;
}
