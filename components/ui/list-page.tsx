import type { ReactNode } from "react";
import type { ListQuery, ListSpec, Page } from "@/lib/pagination/page";
import { Pagination, PastEndNotice } from "@/components/ui/pagination";
import { DataTable, EmptyState, type Column } from "@/components/ui/data-table";
import { ListFilters, type FilterField } from "@/components/ui/list-filters";

interface ListPageProps<T> {
  title: string;
  /** e.g. a "create" link beside the title */
  action?: ReactNode;
  search: { placeholder: string; label: string };
  filters?: readonly FilterField[];
  query: ListQuery;
  spec: ListSpec;
  page: Page<T>;
  basePath: string;
  noun: string;
  /** Shown instead of the table when there is nothing to list. */
  empty: string;
  columns: Column[];
  children: ReactNode;
}

/** A searchable, filterable, sortable, paginated table with a heading and an empty state. */
export function ListPage<T>({ title, action, search, filters = [], query, spec, page, basePath, noun, empty, columns, children }: ListPageProps<T>) {
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {action}
      </div>
      <ListFilters query={query} search={search} fields={filters} />
      {page.pastEnd ? (
        <PastEndNotice page={page} basePath={basePath} query={query} spec={spec} />
      ) : page.items.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <DataTable columns={columns} caption={title} sorting={{ basePath, query, spec }}>
          {children}
        </DataTable>
      )}
      <Pagination page={page} basePath={basePath} query={query} spec={spec} noun={noun} />
    </div>
  );
}
