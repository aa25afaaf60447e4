import { DEFAULT_PAGE_SIZE, type ListQuery } from "@/lib/pagination/page";

export interface FilterField {
  /** The URL parameter, e.g. `kyc`. */
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
}

const control = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/**
 * Search and filters of a list as one GET form: the URL holds them (`?q=…&kyc=pending`), the
 * current sort rides along in hidden fields, and applying goes back to page 1. A filter whose URL
 * value was not valid was dropped by the query parser, so its select shows "Any".
 */
export function ListFilters({ query, search, fields }: { query: ListQuery; search: { placeholder: string; label: string }; fields: readonly FilterField[] }) {
  return (
    <form role="search" method="get" className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1 text-sm">
        <label htmlFor="list-search">{search.label}</label>
        <input id="list-search" name="q" type="search" defaultValue={query.q} placeholder={search.placeholder} className={`${control} w-72 max-w-full`} />
      </div>
      {fields.map((field) => (
        <div key={field.name} className="grid gap-1 text-sm">
          <label htmlFor={`filter-${field.name}`}>{field.label}</label>
          <select id={`filter-${field.name}`} name={field.name} defaultValue={(query.filters as Record<string, string | undefined>)[field.name] ?? ""} className={control}>
            <option value="">Any</option>
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      {query.pageSize !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="pageSize" value={query.pageSize} /> : null}
      <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        Apply
      </button>
    </form>
  );
}
