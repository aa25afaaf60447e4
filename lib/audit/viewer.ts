import { fieldErrors } from "@/lib/errors/zod";
import { AUDIT_FILTER_FIELDS, auditFilterSchema, filterParams, type AuditFilter } from "@/lib/audit/filter";
import { refreshLoginEvents } from "@/lib/audit/login-import";
import { listAuditEvents, type AuditPage, type AuditSource } from "@/lib/audit/query";
import { listAuditActions, resolveAuditNames, type AuditNames } from "@/lib/audit/names";
import type { ResolvedTenant } from "@/lib/tenancy/types";

type SearchParams = Record<string, string | string[] | undefined>;

export interface AuditView {
  /** The filter as typed (kept in the form, and in links to the next page and the CSV). */
  raw: Record<string, string | undefined>;
  errors: Record<string, string>;
  page: AuditPage;
  filtered: boolean;
  paged: boolean;
  /** The actions the trail holds (the action filter's pick list). */
  actions: string[];
  /** Names of the resources and actors on this page. */
  names: AuditNames;
  /** The request's time (events show "3 min ago" against it). */
  now: Date;
  /** False when login events could not be brought in from the identity server just now. */
  loginEventsCurrent: boolean;
}

/**
 * What an audit viewer page shows for its URL: the filter (a bad value is an error next to its
 * field and lists nothing), and a page of events after importing the newest login events of
 * `loginRealm` (the tenant's own; for the platform trail, the console's).
 */
export async function loadAuditView(source: AuditSource, params: SearchParams, loginRealm: ResolvedTenant): Promise<AuditView> {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const raw = Object.fromEntries([...AUDIT_FILTER_FIELDS, "after"].map((key) => [key, first(params[key])]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filtered = AUDIT_FILTER_FIELDS.some((field) => raw[field]);
  if (!parsed.success) {
    return {
      raw,
      errors: fieldErrors(parsed.error),
      page: { items: [], next: null },
      actions: await listAuditActions(source),
      names: new Map(),
      now: new Date(),
      filtered,
      paged: false,
      loginEventsCurrent: true,
    };
  }
  const loginEventsCurrent = await refreshLoginEvents(loginRealm);
  const filter: AuditFilter = parsed.data;
  const [page, actions] = await Promise.all([listAuditEvents(source, filter), listAuditActions(source)]);
  return { raw, errors: {}, page, actions, names: await resolveAuditNames(source, page.items), now: new Date(), filtered, paged: Boolean(filter.after), loginEventsCurrent };
}

/** The view's filter as a query string, with `changes` on top (e.g. the next page's cursor). */
export function viewQuery(view: AuditView, changes: Record<string, string | undefined> = {}): string {
  const query = filterParams(view.raw, changes).toString();
  return query ? `?${query}` : "";
}
