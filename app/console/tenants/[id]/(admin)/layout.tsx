import Link from "next/link";
import type { ReactNode } from "react";
import { requireTenantAdminPage } from "@/lib/edge/pages";

// Chrome only (which tenant, its sections): every page below checks the superadmin and the tenant itself.
export default async function ConsoleTenantAdminLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { tenant, admin } = await requireTenantAdminPage({ on: "console", tenantId: (await params).id });
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm">
        <p>
          <Link href="/tenants" className="text-slate-500 hover:underline">
            Tenants
          </Link>{" "}
          /{" "}
          <Link href={admin.base} className="font-medium text-brand-700 hover:underline">
            {tenant.displayName}
          </Link>{" "}
          <span className="font-mono text-slate-500">({tenant.key})</span>
        </p>
        <nav aria-label="Tenant administration" className="flex gap-4">
          <Link href={`${admin.base}/users`} className="text-slate-600 hover:text-slate-900">
            Users
          </Link>
          <Link href={`${admin.base}/org-units`} className="text-slate-600 hover:text-slate-900">
            Org units
          </Link>
          <Link href={`${admin.base}/api-keys`} className="text-slate-600 hover:text-slate-900">
            API keys
          </Link>
          <Link href={`${admin.base}/domains`} className="text-slate-600 hover:text-slate-900">
            Domains
          </Link>
          <Link href={`${admin.base}/settings`} className="text-slate-600 hover:text-slate-900">
            Settings
          </Link>
        </nav>
      </div>
      {children}
    </div>
  );
}
