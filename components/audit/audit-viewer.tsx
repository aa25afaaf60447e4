import Link from "next/link";
import type { ReactNode } from "react";
import type { AuditEventView } from "@/lib/audit/query";
import { viewQuery, type AuditView } from "@/lib/audit/viewer";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { SelectField, TextField } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { actionCategories } from "@/lib/audit/filter";
import { actorUsername, nameKey, type AuditNames } from "@/lib/audit/names";
import { normalizeIp } from "@/shared/net/ip";
import { resourceHref, type AuditScope } from "@/components/audit/audit-links";
import { PageNav } from "@/components/ui/pagination";

interface AuditViewerProps {
  title: string;
  /** Breadcrumb or context above the title. */
  context?: ReactNode;
  view: AuditView;
  /** The page's own path (filter and paging links). */
  basePath: string;
  /** Where one event's detail is shown. */
  detailHref: (id: string) => string;
  /** The CSV export route (the same filter is appended). */
  csvPath: string;
  /** Which trail, for the links to actors and resources. */
  scope: AuditScope;
}

/** IPs in one form whatever was stored (older events may hold `::ffff:10.0.0.1`). */
const ipOf = (ip: string | null) => (ip ? (normalizeIp(ip) ?? ip) : "—");

/** Filter form, events newest first with keyset paging, CSV export of the same filter. */
export function AuditViewer({ title, context, view, basePath, detailHref, csvPath, scope }: AuditViewerProps) {
  const { raw, errors, page } = view;
  const linkClass = "text-brand-700 underline";
  return (
    <div className="grid gap-4">
      <div>
        {context}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">{title}</h1>
          {Object.keys(errors).length === 0 ? (
            <a
              href={`${csvPath}${viewQuery(view, { format: "csv" })}`}
              className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              download
            >
              Export CSV
            </a>
          ) : null}
        </div>
      </div>
      <form role="search" method="get" action={basePath} aria-label="Filter events" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <TextField name="actor" label="Actor" defaultValue={raw.actor} error={errors.actor} placeholder="acme/asha.rao" />
        <SelectField name="action" label="Action" defaultValue={raw.action ?? ""} error={errors.action} options={actionOptions(view.actions, raw.action)} />
        <TextField name="resourceType" label="Resource type" defaultValue={raw.resourceType} error={errors.resourceType} placeholder="user" />
        <TextField name="resourceId" label="Resource id" defaultValue={raw.resourceId} error={errors.resourceId} />
        <TextField name="from" label="From (UTC)" placeholder="yyyy-mm-dd hh:mm" hint="e.g. 2026-11-22 15:30" defaultValue={raw.from} error={errors.from} />
        <TextField name="to" label="To (UTC)" placeholder="yyyy-mm-dd hh:mm" hint="e.g. 2026-11-22 18:00" defaultValue={raw.to} error={errors.to} />
        <div className="flex items-end gap-3 sm:col-span-3">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Apply filters
          </button>
          {view.filtered ? (
            <Link href={basePath} className={linkClass}>
              Clear filters
            </Link>
          ) : null}
          {errors.after ? (
            <p className="text-sm text-red-700">
              {errors.after}{" "}
              <Link href={`${basePath}${viewQuery(view)}`} className={linkClass}>
                Start from the newest
              </Link>
            </p>
          ) : null}
        </div>
      </form>
      {view.loginEventsCurrent ? null : (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          The identity server could not be reached: the newest sign-in attempts may be missing below.
        </p>
      )}
      {page.items.length === 0 ? (
        <EmptyState>
          {Object.keys(errors).length
            ? "Correct the filter to see events."
            : view.filtered
              ? "No event matches these filters."
              : view.paged
                ? "No older events."
                : "No events recorded yet."}
        </EmptyState>
      ) : (
        <DataTable columns={["Time", "Actor", "Action", "Resource", "IP", ""]} caption={title}>
          {page.items.map((event) => (
            <AuditRow key={event.id} event={event} href={detailHref(event.id)} names={view.names} scope={scope} now={view.now} />
          ))}
        </DataTable>
      )}
      <PageNav
        previous={view.paged ? { href: `${basePath}${viewQuery(view)}`, label: "Newest" } : undefined}
        next={page.next ? { href: `${basePath}${viewQuery(view, { after: page.next })}`, label: "Older events" } : undefined}
      />
    </div>
  );
}

/** "Any action", then per category "every tenant.… action" followed by its actions; a value from the URL that the trail does not hold stays selectable. */
function actionOptions(actions: string[], current: string | undefined): { value: string; label: string }[] {
  const known = new Set(actions);
  const options = [{ value: "", label: "Any action" }];
  for (const category of actionCategories(actions)) {
    options.push({ value: `${category}.*`, label: `${category}.* (every ${category} action)` });
    options.push(...actions.filter((a) => a.startsWith(`${category}.`)).map((a) => ({ value: a, label: a })));
  }
  options.push(...actions.filter((a) => !a.includes(".")).map((a) => ({ value: a, label: a })));
  if (current && !known.has(current) && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return options;
}

const nameLinkClass = "text-brand-700 hover:underline";

/** A name with the id it stands for in small type, linked to its page when it has one. */
function Named({ name, id, href }: { name: string | undefined; id: string; href: string | null }) {
  const text = name ? (
    <>
      {name} <span className="text-xs text-slate-500">{id}</span>
    </>
  ) : (
    id
  );
  return href ? (
    <Link href={href} className={nameLinkClass}>
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}

function ActorCell({ actor, names, scope }: { actor: string; names: AuditNames; scope: AuditScope }) {
  const username = scope.trail === "tenant" ? actorUsername(actor, scope.tenantKey) : null;
  if (!username) return <>{actor}</>;
  return <Named name={names.get(nameKey("user", username))} id={actor} href={resourceHref(scope, "user", username)} />;
}

function ResourceCell({ event, names, scope }: { event: AuditEventView; names: AuditNames; scope: AuditScope }) {
  return (
    <>
      <span className="text-slate-500">{event.resourceType}</span>{" "}
      <Named name={names.get(nameKey(event.resourceType, event.resourceId))} id={event.resourceId} href={resourceHref(scope, event.resourceType, event.resourceId)} />
    </>
  );
}

function AuditRow({ event, href, names, scope, now }: { event: AuditEventView; href: string; names: AuditNames; scope: AuditScope; now: Date }) {
  return (
    <tr>
      <td className="whitespace-nowrap px-4 py-2 text-xs">
        <Time value={event.occurredAt} precision="second" now={now} />
      </td>
      <td className="px-4 py-2">
        <ActorCell actor={event.actor} names={names} scope={scope} />
      </td>
      <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
      <td className="px-4 py-2">
        <ResourceCell event={event} names={names} scope={scope} />
      </td>
      <td className="px-4 py-2 font-mono text-xs">{ipOf(event.ip)}</td>
      <td className="px-4 py-2">
        <Link href={href} className="text-brand-700 hover:underline" aria-label={`Details of event ${event.id}`}>
          Details
        </Link>
      </td>
    </tr>
  );
}

/** One event: every field, and the resource before and after the change. */
export function AuditEventDetail({ event, context }: { event: AuditEventView; context?: ReactNode }) {
  const rows: [string, ReactNode][] = [
    ["Time", <Time key="t" value={event.occurredAt} precision="second" />],
    ["Actor", event.actor],
    [
      "Action",
      <span key="a" className="font-mono">
        {event.action}
      </span>,
    ],
    ["Resource", `${event.resourceType} ${event.resourceId}`],
    ...(event.tenantId
      ? ([
          [
            "Tenant",
            <span key="t" className="font-mono">
              {event.tenantId}
            </span>,
          ],
        ] as [string, ReactNode][])
      : []),
    ["IP address", ipOf(event.ip)],
    ["User agent", event.userAgent ?? "—"],
    ...(event.externalId ? ([["Imported from", "the identity server's event log"]] as [string, ReactNode][]) : []),
  ];
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value, null, 2));
  return (
    <div className="grid gap-4">
      <div>
        {context}
        <h1 className="text-2xl font-semibold">Event {event.id}</h1>
      </div>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        {(["before", "after"] as const).map((side) => (
          <section key={side} aria-labelledby={`${side}-heading`} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id={`${side}-heading`} className="text-lg font-semibold capitalize">
              {side}
            </h2>
            {json(event[side]) ? <pre className="mt-2 overflow-x-auto text-xs">{json(event[side])}</pre> : <p className="mt-2 text-sm text-slate-500">Nothing recorded.</p>}
          </section>
        ))}
      </div>
    </div>
  );
}
