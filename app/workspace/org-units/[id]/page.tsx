import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { orgUnitIdSchema } from "@/lib/org-units/schema";
import { OrgUnitDetailPage } from "@/components/org-units/org-unit-detail-page";

export const metadata: Metadata = { title: "Org unit · Org units" };

export default async function OrgUnitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  if (!orgUnitIdSchema.safeParse(id).success) notFound();
  const view = await requireTenantAdminPage({ on: "workspace" }, "ou:read", { orgUnitId: id });
  return <OrgUnitDetailPage view={view} orgUnitId={id} params={await searchParams} />;
}
