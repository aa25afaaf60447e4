import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/auth/account-menu";
import { requireWorkspace } from "@/lib/tenancy/request";
import { optionalSession } from "@/lib/auth/optional-session";
import { userStanding } from "@/lib/permissions/principal";
import { canSomewhere, isTenantAdmin } from "@/lib/permissions/permissions";

// Chrome only: every workspace page checks its session and role itself.
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const tenant = await requireWorkspace();
  const session = await optionalSession(tenant);
  const principal = session ? (await userStanding(tenant, session.user.username, session.user.roles)).principal : null;
  const isAdmin = principal ? isTenantAdmin(principal) : false;
  const may = (permission: Parameters<typeof canSomewhere>[1]) => (principal ? canSomewhere(principal, permission) : false);
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-8 px-6 py-3">
          <Link href="/" className="font-semibold tracking-tight">{tenant.displayName}</Link>
          {session ? (
            <nav aria-label="Workspace" className="flex gap-4 text-sm">
              <Link href="/" className="text-slate-600 hover:text-slate-900">Home</Link>
              <Link href="/profile" className="text-slate-600 hover:text-slate-900">My profile</Link>
              {tenant.kind === "shared_cloud" ? <Link href="/orgs" className="text-slate-600 hover:text-slate-900">Organizations</Link> : null}
              {may("user:list") ? <Link href="/users" className="text-slate-600 hover:text-slate-900">Users</Link> : null}
              {may("ou:read") ? <Link href="/org-units" className="text-slate-600 hover:text-slate-900">Org units</Link> : null}
              {may("apikey:list") ? <Link href="/api-keys" className="text-slate-600 hover:text-slate-900">API keys</Link> : null}
              {may("audit:read") ? <Link href="/audit" className="text-slate-600 hover:text-slate-900">Audit log</Link> : null}
              {isAdmin ? <Link href="/admin" className="text-slate-600 hover:text-slate-900">Administration</Link> : null}
            </nav>
          ) : null}
          <AccountMenu session={session} />
        </div>
      </header>
      <div className="mx-auto max-w-5xl px-6 py-10">{children}</div>
    </>
  );
}
