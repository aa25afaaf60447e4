import type { ReactNode } from "react";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import type { NavItem } from "./paths";

/**
 * The frame of every console and workspace page: a top bar (home link, account), the navigation as
 * a sidebar on wide screens and behind a "Menu" button on narrow ones, and the page's `<main>`.
 * Without navigation items (signed out) there is neither sidebar nor menu.
 */
export function AppShell({
  home,
  navLabel,
  items,
  account,
  above,
  children,
}: {
  home: ReactNode;
  navLabel: string;
  items: NavItem[];
  account: ReactNode;
  above?: ReactNode;
  children: ReactNode;
}) {
  const hasNav = items.length > 0;
  return (
    <div className="flex min-h-screen flex-col">
      {above}
      <header className="border-b border-slate-200 bg-white">
        <div className="flex items-center gap-3 px-4 py-3 sm:px-6">
          {hasNav ? <MobileNav label={navLabel} items={items} /> : null}
          <div className="min-w-0 truncate">{home}</div>
          {account}
        </div>
      </header>
      <div className="flex flex-1">
        {hasNav ? (
          <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-6 lg:block">
            <NavLinks label={navLabel} items={items} />
          </aside>
        ) : null}
        <main className="mx-auto w-full min-w-0 max-w-6xl px-4 py-8 sm:px-6">{children}</main>
      </div>
    </div>
  );
}
