import type { Metadata } from "next";
import { requireWorkspace } from "@/lib/tenancy/request";
import { workspaceSummary } from "@/lib/tenants/workspace";

export async function generateMetadata(): Promise<Metadata> {
  const tenant = await requireWorkspace();
  return { title: { absolute: tenant.displayName } };
}

export default async function WorkspaceHome() {
  const tenant = await requireWorkspace();
  const summary = await workspaceSummary(tenant);
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <p className="text-sm font-medium text-brand-600">Workspace</p>
      <h1 className="mt-1 text-3xl font-semibold" data-testid="workspace-name">{tenant.displayName}</h1>
      <p className="mt-3 text-slate-600">
        Welcome to the {tenant.displayName} workspace on Gatehouse. Sign-in for members arrives with the identity feature.
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
    </main>
  );
}
