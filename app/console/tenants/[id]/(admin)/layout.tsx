import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/navigation/breadcrumbs";
import { NavLinks } from "@/components/navigation/nav-links";
import { requireTenantAdminPage } from "@/lib/edge/pages";

const SECTIONS = [
  { path: "users", label: "Users" },
  { path: "org-units", label: "Org units" },
  { path: "api-keys", label: "API keys" },
  { path: "domains", label: "Domains" },
  { path: "settings", label: "Settings" },
];

/** Titles below say which tenant: "alice · Users · acme · Gatehouse". */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { tenant } = await requireTenantAdminPage({ on: "console", tenantId: (await params).id });
  return { title: { default: `${tenant.key} · Gatehouse`, template: `%s · ${tenant.key} · Gatehouse` } };
}

// Chrome only (which tenant, its sections): every page below checks the superadmin and the tenant itself.
export default async function ConsoleTenantAdminLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { tenant, admin } = await requireTenantAdminPage({ on: "console", tenantId: (await params).id });
  const sections = SECTIONS.map((s) => ({ href: `${admin.base}/${s.path}`, label: s.label }));
  const labels = {
    paths: {
      "/tenants": "Tenants",
      [admin.base]: tenant.displayName,
      ...Object.fromEntries(sections.map((s) => [s.href, s.label])),
      [`${admin.base}/users/new`]: "New user",
      [`${admin.base}/org-units/new`]: "New org unit",
    },
    children: { [`${admin.base}/org-units`]: "Org unit" },
  };
  return (
    <div className="grid min-w-0 gap-4">
      <div className="grid gap-2 rounded-lg border border-slate-200 bg-white px-4 py-2">
        <Breadcrumbs labels={labels} minDepth={1} />
        <NavLinks label="Tenant administration" items={sections} layout="row" />
      </div>
      {children}
    </div>
  );
}
