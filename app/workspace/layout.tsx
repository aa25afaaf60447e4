import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { BrandBand } from "@/components/branding/brand-band";
import { BrandTheme } from "@/components/branding/brand-theme";
import { getBranding } from "@/lib/branding/service";
import { AccountMenu } from "@/components/auth/account-menu";
import { requireWorkspace } from "@/lib/access/request";
import { optionalSession } from "@/lib/auth/optional-session";
import { userAccount } from "@/lib/permissions/principal";
import { canSomewhere, isTenantAdmin } from "@/lib/permissions/permissions";

/** The tab title and favicon follow the workspace's branding. */
export async function generateMetadata(): Promise<Metadata> {
  const branding = await getBranding(await requireWorkspace());
  return {
    title: { default: branding.organizationName, template: `%s · ${branding.organizationName}` },
    ...(branding.favicon ? { icons: { icon: [{ url: branding.favicon.path, type: branding.favicon.contentType }] } } : {}),
  };
}

// Chrome only: every workspace page checks its session and role itself.
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const tenant = await requireWorkspace();
  const branding = await getBranding(tenant);
  const session = await optionalSession(tenant);
  const principal = session ? (await userAccount(tenant, session.user.username, session.user.roles, session.user.subject ?? null)).principal : null;
  const isAdmin = principal ? isTenantAdmin(principal) : false;
  const may = (permission: Parameters<typeof canSomewhere>[1]) => (principal ? canSomewhere(principal, permission) : false);
  return (
    <>
      <BrandTheme color={branding.primaryColor} />
      <BrandBand
        look={{ name: branding.organizationName, tagline: branding.tagline, color: branding.primaryColor, logoSrc: branding.logo?.path ?? null }}
        linkHome
        testId="workspace-brand"
      />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-8 px-6 py-3">
          {session ? (
            <nav aria-label="Workspace" className="flex gap-4 text-sm">
              <Link href="/" className="text-slate-600 hover:text-slate-900">
                Home
              </Link>
              <Link href="/profile" className="text-slate-600 hover:text-slate-900">
                My profile
              </Link>
              {tenant.kind === "shared_cloud" ? (
                <Link href="/orgs" className="text-slate-600 hover:text-slate-900">
                  Organizations
                </Link>
              ) : null}
              {may("user:list") ? (
                <Link href="/users" className="text-slate-600 hover:text-slate-900">
                  Users
                </Link>
              ) : null}
              {may("ou:read") ? (
                <Link href="/org-units" className="text-slate-600 hover:text-slate-900">
                  Org units
                </Link>
              ) : null}
              {may("apikey:list") ? (
                <Link href="/api-keys" className="text-slate-600 hover:text-slate-900">
                  API keys
                </Link>
              ) : null}
              {may("settings:update") && tenant.kind === "dedicated" ? (
                <Link href="/domains" className="text-slate-600 hover:text-slate-900">
                  Domains
                </Link>
              ) : null}
              {may("audit:read") ? (
                <Link href="/audit" className="text-slate-600 hover:text-slate-900">
                  Audit log
                </Link>
              ) : null}
              {may("settings:update") ? (
                <Link href="/settings" className="text-slate-600 hover:text-slate-900">
                  Settings
                </Link>
              ) : null}
              {isAdmin ? (
                <Link href="/admin" className="text-slate-600 hover:text-slate-900">
                  Administration
                </Link>
              ) : null}
            </nav>
          ) : null}
          <AccountMenu session={session} />
        </div>
      </header>
      <div className="mx-auto max-w-5xl px-6 py-10">{children}</div>
    </>
  );
}
