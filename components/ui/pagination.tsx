import Link from "next/link";
import type { Page } from "@/lib/pagination/page";

function href(basePath: string, q: string, page: number, pageSize: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  if (pageSize !== 25) params.set("pageSize", String(pageSize));
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}

export function Pagination<T>({ page, basePath, q, noun }: { page: Page<T>; basePath: string; q: string; noun: string }) {
  const from = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const to = Math.min(page.total, page.page * page.pageSize);
  const linkClass = "rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm text-slate-600">
      <p>
        {from}–{to} of {page.total} {noun}
      </p>
      <div className="flex gap-2">
        {page.page > 1 ? (
          <Link className={linkClass} href={href(basePath, q, page.page - 1, page.pageSize)} rel="prev">
            Previous
          </Link>
        ) : null}
        <span className="px-2 py-1.5" aria-current="page">
          Page {page.page} of {page.pageCount}
        </span>
        {page.page < page.pageCount ? (
          <Link className={linkClass} href={href(basePath, q, page.page + 1, page.pageSize)} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
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
