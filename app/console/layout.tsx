import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { AccountMenu } from "@/components/auth/account-menu";
import { AppShell } from "@/components/navigation/app-shell";
import { Breadcrumbs } from "@/components/navigation/breadcrumbs";
import { requireConsoleHost } from "@/lib/access/request";
import { optionalSession } from "@/lib/auth/optional-session";

const NAV = [
  { href: "/", label: "Overview" },
  { href: "/customers", label: "Customers" },
  { href: "/tenants", label: "Tenants" },
  { href: "/api-keys", label: "API keys" },
  { href: "/audit", label: "Audit log" },
];

// A customer's, a tenant's or an event's id in the address is named by its kind; pages below a
// tenant ("/tenants/<id>/users/…") get their trail from the tenant's own layout.
const CRUMBS = {
  paths: { ...Object.fromEntries(NAV.map((i) => [i.href, i.label])), "/customers/new": "New customer" },
  children: { "/customers": "Customer", "/tenants": "Tenant", "/audit": "Event" },
};

// Chrome only: every console page checks the superadmin session itself.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const tenant = await requireConsoleHost();
  const session = await optionalSession(tenant);
  return (
    <Providers>
      <AppShell
        home={
          <Link href="/" className="font-semibold tracking-tight">
            Gatehouse <span className="font-normal text-slate-500">Console</span>
          </Link>
        }
        navLabel="Console"
        items={session ? NAV : []}
        account={<AccountMenu session={session} />}
      >
        {session ? <Breadcrumbs labels={CRUMBS} maxDepth={2} /> : null}
        {children}
      </AppShell>
    </Providers>
  );
}
