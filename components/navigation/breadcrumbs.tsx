"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { crumbsFor, type CrumbLabels } from "./paths";

/**
 * "Tenants › acme › Users › alice": the trail to a nested page, derived from its address. Shown from
 * `minDepth` segments on (a top-level page is its own navigation item) up to `maxDepth`, beyond which
 * a nested layout draws its own.
 */
export function Breadcrumbs({ labels, minDepth = 2, maxDepth = Infinity }: { labels: CrumbLabels; minDepth?: number; maxDepth?: number }) {
  const crumbs = crumbsFor(usePathname(), labels);
  if (crumbs.length < minDepth || crumbs.length > maxDepth) return null;
  return (
    <nav aria-label="Breadcrumb" className="mb-4 min-w-0 text-sm">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-slate-600">
        {crumbs.map((crumb, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={crumb.href} className="flex min-w-0 items-center gap-1.5">
              {i > 0 ? (
                <span aria-hidden="true" className="text-slate-400">
                  ›
                </span>
              ) : null}
              {last ? (
                <span aria-current="page" className="break-all font-medium text-slate-900">
                  {crumb.label}
                </span>
              ) : (
                <Link href={crumb.href} className="break-all hover:underline">
                  {crumb.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
