import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { AccountMenu } from "@/components/auth/account-menu";
import { requireConsoleHost } from "@/lib/access/request";
import { optionalSession } from "@/lib/auth/optional-session";

// Chrome only: every console page checks the superadmin session itself.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const tenant = await requireConsoleHost();
  const session = await optionalSession(tenant);
  const nav = [
    { href: "/", label: "Overview" },
    { href: "/customers", label: "Customers" },
    { href: "/tenants", label: "Tenants" },
    { href: "/api-keys", label: "API keys" },
    { href: "/audit", label: "Audit log" },
  ];
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-8 px-6 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            Gatehouse <span className="font-normal text-slate-500">Console</span>
          </Link>
          {session ? (
            <nav aria-label="Console" className="flex gap-4 text-sm">
              {nav.map((item) => (
                <Link key={item.href} href={item.href} className="text-slate-600 hover:text-slate-900">
                  {item.label}
                </Link>
              ))}
            </nav>
          ) : null}
          <AccountMenu session={session} />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </Providers>
  );
}
