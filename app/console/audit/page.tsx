import type { Metadata } from "next";
import { requireSuperadmin } from "@/lib/edge/pages";
import { loadAuditView } from "@/lib/audit/viewer";
import { AuditViewer } from "@/components/audit/audit-viewer";

export const metadata: Metadata = { title: "Platform audit log" };

export default async function PlatformAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant: consoleTenant } = await requireSuperadmin();
  const view = await loadAuditView({ kind: "platform" }, await searchParams, consoleTenant);
  return <AuditViewer title="Platform audit log" view={view} basePath="/audit" detailHref={(id) => `/audit/${id}`} csvPath="/api/v1/audit-events" scope={{ trail: "platform" }} />;
}
