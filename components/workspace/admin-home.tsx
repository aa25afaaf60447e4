import Link from "next/link";
import { workspaceSummary } from "@/lib/tenants/workspace";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { quotaUsage } from "@/lib/quotas/enforce";
import { QuotaBars } from "@/components/quotas/quota-bars";
import { ExportButton } from "@/components/export/export-button";
import { getBranding } from "@/lib/branding/service";

export async function AdminHome({ tenant }: { tenant: ResolvedTenant }) {
  const [summary, quotas, branding] = await Promise.all([workspaceSummary(tenant), quotaUsage(tenant), getBranding(tenant)]);
  return (
    <section aria-labelledby="admin-heading">
      <p className="text-sm font-medium text-brand-600">Administration</p>
      <h1 id="admin-heading" className="mt-1 text-3xl font-semibold" data-testid="workspace-name">
        {branding.organizationName}
      </h1>
      <p className="mt-3 text-slate-600">
        You administer this workspace: its{" "}
        <Link href="/users" className="text-brand-700 underline">
          users
        </Link>{" "}
        and{" "}
        <Link href="/org-units" className="text-brand-700 underline">
          org units
        </Link>
        .
      </p>
      <dl className="mt-8 grid grid-cols-2 gap-4 sm:grid-cols-3">
        {[
          ["Users", summary.users],
          ["Org units", summary.orgUnits],
          ["Memberships", summary.memberships],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd className="text-2xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-8 grid gap-6 sm:grid-cols-2">
        <section aria-labelledby="quota-heading" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="quota-heading" className="font-semibold">
            Usage and quotas
          </h2>
          <QuotaBars rows={quotas} />
        </section>
        <section aria-labelledby="export-heading" className="grid content-start gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="export-heading" className="font-semibold">
            Export
          </h2>
          <p className="text-sm text-slate-600">This workspace&apos;s users, org units, memberships and settings as JSON and CSV in a zip.</p>
          <ExportButton href={`/api/v1/tenants/${tenant.key}/export`} />
        </section>
      </div>
    </section>
  );
}
