import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { orgUnitIdSchema } from "@/lib/org-units/schema";
import { OrgUnitDetailPage } from "@/components/org-units/org-unit-detail-page";

export const metadata: Metadata = { title: "Org unit · Org units" };

export default async function ConsoleOrgUnitPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; orgUnitId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id, orgUnitId } = await params;
  const view = await requireTenantAdminPage({ on: "console", tenantId: id }, "ou:read");
  if (!orgUnitIdSchema.safeParse(orgUnitId).success) notFound();
  return <OrgUnitDetailPage view={view} orgUnitId={orgUnitId} params={await searchParams} />;
}
