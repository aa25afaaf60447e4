import Link from "next/link";
import { inDefaultOrder, listHref, type ListQuery, type ListSpec, type Page, type PageQuery, PLAIN_LIST } from "@/lib/pagination/page";

const linkClass = "rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/**
 * The one pagination bar of every list: what is shown ("26–50 of 41 tenants" where a count is
 * cheap), previous and next, and where the reader is. Cursor-paged lists (the audit log) pass
 * only the links they have.
 */
export function PageNav({
  summary,
  position,
  previous,
  next,
}: {
  summary?: string;
  position?: string;
  previous?: { href: string; label: string };
  next?: { href: string; label: string };
}) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm text-slate-600">
      <p>{summary}</p>
      <div className="flex items-center gap-2">
        {previous ? (
          <Link className={linkClass} href={previous.href} rel="prev">
            {previous.label}
          </Link>
        ) : null}
        {position ? <span className="px-2 py-1.5">{position}</span> : null}
        {next ? (
          <Link className={linkClass} href={next.href} rel="next">
            {next.label}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** PageNav for a counted, numbered list; links keep the query's search, filters and sort. */
export function Pagination<T>({
  page,
  basePath,
  query,
  spec = PLAIN_LIST,
  noun,
}: {
  page: Page<T>;
  basePath: string;
  query: ListQuery | PageQuery;
  spec?: ListSpec;
  noun: string;
}) {
  if (page.pastEnd) return null;
  const full = inDefaultOrder(query, spec);
  const from = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const to = Math.min(page.total, page.page * page.pageSize);
  return (
    <PageNav
      summary={`${from}–${to} of ${page.total} ${noun}`}
      position={page.pageCount > 1 ? `Page ${page.page} of ${page.pageCount}` : undefined}
      previous={page.page > 1 ? { href: listHref(basePath, full, spec, { page: page.page - 1 }), label: "Previous" } : undefined}
      next={page.page < page.pageCount ? { href: listHref(basePath, full, spec, { page: page.page + 1 }), label: "Next" } : undefined}
    />
  );
}

/** What a page beyond the last shows instead of "no results": where the list ends, and a way there. */
export function PastEndNotice<T>({ page, basePath, query, spec = PLAIN_LIST }: { page: Page<T>; basePath: string; query: ListQuery | PageQuery; spec?: ListSpec }) {
  const last = listHref(basePath, inDefaultOrder(query, spec), spec, { page: page.pageCount });
  return (
    <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
      <p>This page is past the end: there {page.pageCount === 1 ? "is 1 page" : `are ${page.pageCount} pages`}.</p>
      <p className="mt-2">
        <Link href={last} className="font-medium text-brand-700 hover:underline">
          Go to the last page
        </Link>
      </p>
    </div>
  );
}

export function SearchForm({ q, placeholder, label }: { q: string; placeholder: string; label: string }) {
  return (
    <form role="search" className="flex gap-2" method="get">
      <label htmlFor="search" className="sr-only">
        {label}
      </label>
      <input id="search" name="q" defaultValue={q} placeholder={placeholder} className="w-full min-w-0 rounded-md border sm:w-72 border-slate-300 bg-white px-3 py-2 text-sm" />
      <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        Search
      </button>
    </form>
  );
}
