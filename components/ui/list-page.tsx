import type { ReactNode } from "react";
import type { Page } from "@/lib/pagination/page";
import { Pagination, SearchForm } from "@/components/ui/pagination";

interface ListPageProps<T> {
  title: string;
  /** e.g. a "create" link beside the title */
  action?: ReactNode;
  search: { q: string; placeholder: string; label: string };
  page: Page<T>;
  basePath: string;
  noun: string;
  /** Shown instead of the table when there is nothing to list. */
  empty: string;
  columns: string[];
  children: ReactNode;
}

/** A searchable, paginated table with a heading and an empty state. */
export function ListPage<T>({ title, action, search, page, basePath, noun, empty, columns, children }: ListPageProps<T>) {
  return (
    <div className="grid gap-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {action}
      </div>
      <SearchForm {...search} />
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">{empty}</div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col" className="px-4 py-2 font-medium">{c}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">{children}</tbody>
          </table>
        </div>
      )}
      <Pagination page={page} basePath={basePath} q={search.q} noun={noun} />
    </div>
  );
}
