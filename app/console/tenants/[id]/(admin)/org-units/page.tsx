import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { OrgUnitListPage } from "@/components/org-units/org-unit-list-page";

export const metadata: Metadata = { title: "Org units" };

export default async function ConsoleOrgUnitsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const view = await requireTenantAdminPage({ on: "console", tenantId: (await params).id }, "ou:list");
  return <OrgUnitListPage view={view} params={await searchParams} />;
}
