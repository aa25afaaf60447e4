import { Prisma } from "@/lib/db/generated/tenant/client";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { encodeCursor, parseEventId, type AuditCursor } from "@/lib/audit/parse";
import { actionMatch, type AuditFilter } from "@/lib/audit/filter";
import { escapeLike } from "@/shared/like";

/** Whose events: one tenant's (its own database) or the platform's (the control plane). */
export type AuditSource = { kind: "tenant"; tenant: ResolvedTenant } | { kind: "platform" };

export interface AuditEventView {
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string;
  /** The tenant whose trail holds the event, or (platform events) the tenant it concerns, if any. */
  tenantId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  /** The identity server's event id, for imported login events. */
  externalId: string | null;
}

export interface AuditPage {
  items: AuditEventView[];
  /** Cursor of the next (older) page, or null on the last one. */
  next: string | null;
}

type Row = AuditEventView & { cursorAt: string };

function run(source: AuditSource, statement: Prisma.Sql): Promise<Row[]> {
  return source.kind === "tenant" ? tenantDb(source.tenant).$queryRaw<Row[]>(statement) : controlDb().$queryRaw<Row[]>(statement);
}

function selectFrom(source: AuditSource): Prisma.Sql {
  const tenantId = source.kind === "platform" ? Prisma.sql`tenant_id::text` : Prisma.sql`${source.tenant.id}::text`;
  const table = source.kind === "platform" ? Prisma.raw("platform_audit_events") : Prisma.raw("audit_events");
  return Prisma.sql`SELECT id::text AS id, occurred_at AS "occurredAt", occurred_at::text AS "cursorAt", actor, action,
    resource_type AS "resourceType", resource_id AS "resourceId", ${tenantId} AS "tenantId", ip, user_agent AS "userAgent",
    before, after, external_id AS "externalId" FROM ${table} AS e`;
}

/** One action, or a category (`tenant.*`: every action of that prefix, read off the (occurred_at, id) index). */
function actionCondition(action: string): Prisma.Sql {
  const match = actionMatch(action);
  return match.category ? Prisma.sql`action LIKE ${`${escapeLike(match.category)}.%`}` : Prisma.sql`action = ${match.action}`;
}

/**
 * Newest first, keyset-paginated on (occurred_at, id): every filter but an action category is an
 * equality on the leading column of an index that continues with (occurred_at, id), so a page reads only its own rows.
 */
function statement(source: AuditSource, filter: Omit<AuditFilter, "after">, after: AuditCursor | undefined, take: number): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.actor) conditions.push(Prisma.sql`actor = ${filter.actor}`);
  if (filter.action) conditions.push(actionCondition(filter.action));
  if (filter.resourceType) conditions.push(Prisma.sql`resource_type = ${filter.resourceType}`);
  if (filter.resourceId) conditions.push(Prisma.sql`resource_id = ${filter.resourceId}`);
  if (filter.from) conditions.push(Prisma.sql`occurred_at >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`occurred_at <= ${filter.to}`);
  if (after) conditions.push(Prisma.sql`(occurred_at, id) < (${after.at}::timestamptz, ${after.id}::bigint)`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  // Qualified: a bare `id` in ORDER BY would name the output column, the id as text ('9' > '10').
  return Prisma.sql`${selectFrom(source)} ${where} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${take}`;
}

const view = ({ cursorAt: _, ...event }: Row): AuditEventView => event;

export async function listAuditEvents(source: AuditSource, filter: AuditFilter): Promise<AuditPage> {
  const rows = await run(source, statement(source, filter, filter.after, filter.limit + 1));
  const items = rows.slice(0, filter.limit);
  const last = rows.length > filter.limit ? items.at(-1) : undefined;
  return { items: items.map(view), next: last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null };
}

/** Every event the filter matches, newest first, in batches (for the CSV export). */
export async function* auditEventBatches(source: AuditSource, filter: AuditFilter, batchSize = 1000): AsyncGenerator<AuditEventView[]> {
  let after = filter.after;
  for (;;) {
    const rows = await run(source, statement(source, filter, after, batchSize));
    if (rows.length > 0) yield rows.map(view);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = { at: last.cursorAt, id: last.id };
  }
}

export async function getAuditEvent(source: AuditSource, id: string): Promise<AuditEventView | null> {
  const eventId = parseEventId(id);
  if (!eventId) return null;
  const rows = await run(source, Prisma.sql`${selectFrom(source)} WHERE id = ${eventId}::bigint`);
  return rows[0] ? view(rows[0]) : null;
}
