import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSuperadmin } from "@/lib/edge/pages";
import { tenantWithTrail } from "@/lib/tenants/audit-trail";
import { loadAuditView } from "@/lib/audit/viewer";
import { AuditViewer } from "@/components/audit/audit-viewer";
import { EmptyState } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Tenant audit log" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TenantAuditPage({ params, searchParams }: Props) {
  await requireSuperadmin();
  const found = await tenantWithTrail((await params).id);
  if (!found) notFound();
  const { tenant, hasTrail } = found;
  const basePath = `/tenants/${tenant.id}/audit`;
  const context = (
    <p className="text-sm text-slate-500">
      <Link href="/tenants" className="hover:underline">
        Tenants
      </Link>{" "}
      /{" "}
      <Link href={`/tenants/${tenant.id}`} className="hover:underline">
        {tenant.displayName}
      </Link>{" "}
      /
    </p>
  );
  if (!hasTrail) {
    return (
      <div className="grid gap-4">
        <div>
          {context}
          <h1 className="text-2xl font-semibold">Audit log</h1>
        </div>
        <EmptyState>
          {tenant.kind === "root" ? (
            <>
              The console&apos;s events are in the{" "}
              <Link href="/audit" className="text-brand-700 underline">
                platform audit log
              </Link>
              .
            </>
          ) : (
            "This tenant's database does not exist yet, so it has no audit log yet."
          )}
        </EmptyState>
      </div>
    );
  }
  const view = await loadAuditView({ kind: "tenant", tenant }, await searchParams, tenant);
  return (
    <AuditViewer
      title={`Audit log of ${tenant.displayName}`}
      context={context}
      view={view}
      basePath={basePath}
      detailHref={(id) => `${basePath}/${id}`}
      csvPath={`/api/v1/tenants/${encodeURIComponent(tenant.key)}/audit-events`}
      scope={{ trail: "tenant", tenantKey: tenant.key, adminBase: `/tenants/${tenant.id}` }}
    />
  );
}
