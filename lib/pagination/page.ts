import { z } from "zod";
import { plainText } from "@/lib/input/text";

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export type SortDir = "asc" | "desc";

/**
 * What a list can be sorted and filtered by: each sort key with the direction it starts in, and
 * each filter with the values it accepts. A URL naming anything else gets the default (the sort)
 * or no filter at all, so a stale or hand-edited link shows the filter cleared, never an error.
 */
export interface ListSpec<Sort extends string = string, Filter extends string = string> {
  sorts: Readonly<Record<Sort, SortDir>>;
  defaultSort: Sort;
  filters: Readonly<Record<Filter, readonly string[]>>;
}

/** List query from a URL's search params: search text, 1-based page, page size, sort and filters. */
export interface ListQuery<Sort extends string = string, Filter extends string = string> extends PageQuery {
  sort: Sort;
  dir: SortDir;
  filters: Partial<Record<Filter, string>>;
}

/** A list with nothing to sort or filter by (newest first). */
export const PLAIN_LIST: ListSpec<"created", never> = { sorts: { created: "desc" }, defaultSort: "created", filters: {} };

/** Search text, 1-based page and page size; bad values fall back to defaults. */
export const listQuerySchema = z.object({
  q: plainText().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE),
});

export type PageQuery = z.infer<typeof listQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** The page asked for lies beyond the last one (the list shrank, or the URL was edited). */
  pastEnd: boolean;
}

export type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function parseListQuery(params: SearchParams): ListQuery<"created", never>;
export function parseListQuery<Sort extends string, Filter extends string>(params: SearchParams, spec: ListSpec<Sort, Filter>): ListQuery<Sort, Filter>;
export function parseListQuery(params: SearchParams, spec: ListSpec = PLAIN_LIST): ListQuery {
  const base = listQuerySchema.parse({ q: first(params.q), page: first(params.page), pageSize: first(params.pageSize) });
  const sort = oneOf(Object.keys(spec.sorts), first(params.sort)) ?? spec.defaultSort;
  const dir: SortDir = oneOf(["asc", "desc"] as const, first(params.dir)) ?? spec.sorts[sort]!;
  const filters: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(spec.filters)) {
    const value = oneOf(allowed, first(params[name]));
    if (value) filters[name] = value;
  }
  return { ...base, sort, dir, filters };
}

/** Whether the query narrows the list (search text or any filter). */
export function isFiltered(query: ListQuery): boolean {
  return Boolean(query.q) || Object.keys(query.filters).length > 0;
}

/** Rows to skip for the query's page. */
export function offsetOf(query: Pick<PageQuery, "page" | "pageSize">): number {
  return (query.page - 1) * query.pageSize;
}

export function toPage<T>(items: T[], total: number, query: Pick<PageQuery, "page" | "pageSize">): Page<T> {
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  return { items, total, page: query.page, pageSize: query.pageSize, pageCount, pastEnd: query.page > pageCount };
}

/**
 * The URL of a list with the query's search, sort and filters and the given changes; defaults are
 * left out so links stay short. Changing the search, a filter or the sort goes back to page 1
 * (pass `page` to keep one).
 */
export function listHref(basePath: string, query: ListQuery, spec: ListSpec, changes: { page?: number; sort?: string; dir?: SortDir } = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const [name, value] of Object.entries(query.filters)) if (value) params.set(name, value as string);
  const sort = changes.sort ?? query.sort;
  const dir = changes.dir ?? (changes.sort ? spec.sorts[changes.sort] : query.dir);
  if (sort !== spec.defaultSort || dir !== spec.sorts[sort]) {
    params.set("sort", sort);
    params.set("dir", dir!);
  }
  const page = changes.page ?? 1;
  if (page > 1) params.set("page", String(page));
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set("pageSize", String(query.pageSize));
  const text = params.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/** A search-and-page query (the REST API's) as a list query in the spec's default order, unfiltered. */
export function inDefaultOrder<Sort extends string, Filter extends string>(query: PageQuery | ListQuery<Sort, Filter>, spec: ListSpec<Sort, Filter>): ListQuery<Sort, Filter> {
  return "sort" in query ? query : { ...query, sort: spec.defaultSort, dir: spec.sorts[spec.defaultSort], filters: {} };
}
