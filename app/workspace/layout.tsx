import type { Metadata } from "next";
import type { ReactNode } from "react";
import { BrandBand } from "@/components/branding/brand-band";
import { BrandTheme } from "@/components/branding/brand-theme";
import { getBranding } from "@/lib/branding/service";
import { AccountMenu } from "@/components/auth/account-menu";
import { AppShell } from "@/components/navigation/app-shell";
import { Breadcrumbs } from "@/components/navigation/breadcrumbs";
import type { NavItem } from "@/components/navigation/paths";
import { requireWorkspace } from "@/lib/access/request";
import { optionalSession } from "@/lib/auth/optional-session";
import { userAccount } from "@/lib/permissions/principal";
import { canSomewhere } from "@/lib/permissions/permissions";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** The tab title and favicon follow the workspace's branding. */
export async function generateMetadata(): Promise<Metadata> {
  const branding = await getBranding(await requireWorkspace());
  return {
    title: { default: branding.organizationName, template: `%s · ${branding.organizationName}` },
    ...(branding.favicon ? { icons: { icon: [{ url: branding.favicon.path, type: branding.favicon.contentType }] } } : {}),
  };
}

type May = (permission: Parameters<typeof canSomewhere>[1]) => boolean;

/** What the caller may open; "Home" is the administration overview for a tenant admin. */
function navItems(tenant: ResolvedTenant, may: May): NavItem[] {
  const items: Array<NavItem | false> = [
    { href: "/", label: "Home" },
    { href: "/profile", label: "My profile" },
    tenant.kind === "shared_cloud" && { href: "/orgs", label: "Organizations" },
    may("user:list") && { href: "/users", label: "Users" },
    may("ou:read") && { href: "/org-units", label: "Org units" },
    may("apikey:list") && { href: "/api-keys", label: "API keys" },
    may("settings:update") && tenant.kind === "dedicated" && { href: "/domains", label: "Domains" },
    may("audit:read") && { href: "/audit", label: "Audit log" },
    may("settings:update") && { href: "/settings", label: "Settings" },
  ];
  return items.filter((item): item is NavItem => item !== false);
}

const CRUMB_CHILDREN = { "/org-units": "Org unit", "/audit": "Event", "/orgs": "Organization" };

// Chrome only: every workspace page checks its session and role itself.
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const tenant = await requireWorkspace();
  const branding = await getBranding(tenant);
  const session = await optionalSession(tenant);
  const principal = session ? (await userAccount(tenant, session.user.username, session.user.roles, session.user.subject ?? null)).principal : null;
  const items = principal ? navItems(tenant, (permission) => canSomewhere(principal, permission)) : [];
  const crumbs = {
    paths: { ...Object.fromEntries(items.map((i) => [i.href, i.label])), "/users/new": "New user", "/org-units/new": "New org unit" },
    children: CRUMB_CHILDREN,
  };
  return (
    <>
      <BrandTheme color={branding.primaryColor} />
      <AppShell
        above={
          <BrandBand
            look={{ name: branding.organizationName, tagline: branding.tagline, color: branding.primaryColor, logoSrc: branding.logo?.path ?? null }}
            linkHome
            testId="workspace-brand"
          />
        }
        home={<span className="hidden text-sm font-medium text-slate-600 sm:inline">{tenant.kind === "shared_cloud" ? "Cloud workspace" : "Workspace"}</span>}
        navLabel="Workspace"
        items={items}
        account={<AccountMenu session={session} />}
      >
        {session ? <Breadcrumbs labels={crumbs} /> : null}
        {children}
      </AppShell>
    </>
  );
}
