import type { ReactNode } from "react";
import Link from "next/link";
import { listHref, type ListQuery, type ListSpec } from "@/lib/pagination/page";

/** A column heading; `sort` names the list's sort key when the column sorts. */
export type Column = string | { label: string; sort?: string };

/** The list query and spec behind sortable headings (their links keep search and filters). */
export interface Sorting {
  basePath: string;
  query: ListQuery;
  spec: ListSpec;
}

/** A bordered table with a header row; rows are the children. */
export function DataTable({ columns, caption, sorting, children }: { columns: Column[]; caption?: string; sorting?: Sorting; children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={caption ?? columns.join(", ")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {columns.map((c) => {
              const column = typeof c === "string" ? { label: c } : c;
              return <Heading key={column.label} label={column.label} sortKey={column.sort} sorting={sorting} />;
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

function Heading({ label, sortKey, sorting }: { label: string; sortKey?: string; sorting?: Sorting }) {
  if (!sortKey || !sorting) {
    return (
      <th scope="col" className="px-4 py-2 font-medium">
        {label}
      </th>
    );
  }
  const { basePath, query, spec } = sorting;
  const active = query.sort === sortKey;
  // A click on the sorted column flips it; on another column starts in that column's own direction.
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : spec.sorts[sortKey];
  return (
    <th scope="col" className="px-4 py-2 font-medium" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={listHref(basePath, query, spec, { sort: sortKey, dir })} className="inline-flex items-center gap-1 hover:text-slate-900 hover:underline">
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-300"}>
          {active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">{active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}; click to reverse` : ", click to sort"}</span>
      </Link>
    </th>
  );
}

/** What a list shows when there is nothing in it. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">{children}</div>;
}
