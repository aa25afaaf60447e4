import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { loadAuditView } from "@/lib/audit/viewer";
import { AuditViewer } from "@/components/audit/audit-viewer";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant } = await requireTenantAdminPage({ on: "workspace" }, "audit:read");
  const view = await loadAuditView({ kind: "tenant", tenant }, await searchParams, tenant);
  return (
    <AuditViewer
      title="Audit log"
      view={view}
      basePath="/audit"
      detailHref={(id) => `/audit/${id}`}
      csvPath={`/api/v1/tenants/${encodeURIComponent(tenant.key)}/audit-events`}
      scope={{ trail: "tenant", tenantKey: tenant.key, adminBase: "" }}
    />
  );
}
