"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentHref, currentState, type NavItem } from "./paths";

/** A labelled list of links with the current page (or its section) marked for eyes and screen readers. */
export function NavLinks({ label, items, onNavigate, layout = "column" }: { label: string; items: NavItem[]; onNavigate?: () => void; layout?: "column" | "row" }) {
  const pathname = usePathname();
  const current = currentHref(
    items.map((i) => i.href),
    pathname,
  );
  return (
    <nav aria-label={label}>
      <ul className={layout === "column" ? "grid gap-0.5" : "flex flex-wrap gap-x-1 gap-y-1"}>
        {items.map((item) => {
          const state = item.href === current ? currentState(item.href, pathname) : undefined;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={state}
                onClick={onNavigate}
                className={`block rounded-md px-3 py-2 text-sm ${state ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
