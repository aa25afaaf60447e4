import type { ReactNode } from "react";
import type { Page } from "@/lib/pagination/page";
import { Pagination, SearchForm } from "@/components/ui/pagination";
import { DataTable, EmptyState } from "@/components/ui/data-table";

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
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {action}
      </div>
      <SearchForm {...search} />
      {page.items.length === 0 ? <EmptyState>{empty}</EmptyState> : <DataTable columns={columns}>{children}</DataTable>}
      <Pagination page={page} basePath={basePath} q={search.q} noun={noun} />
    </div>
  );
}
