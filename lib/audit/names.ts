import { Prisma } from "@/lib/db/generated/tenant/client";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { AuditEventView, AuditSource } from "@/lib/audit/query";

/** What a page of events names: `<resource type>:<resource id>` → the resource's name today. */
export type AuditNames = Map<string, string>;

export const nameKey = (type: string, id: string) => `${type}:${id}`;

/** The user an actor such as `acme/asha.rao` is, when it is one of the trail's own tenant's users (not an API key or the system). */
export function actorUsername(actor: string, tenantKey: string): string | null {
  const prefix = `${tenantKey}/`;
  if (!actor.startsWith(prefix)) return null;
  const username = actor.slice(prefix.length);
  return username && !username.startsWith("apikey:") ? username : null;
}

interface NameRow {
  type: string;
  id: string;
  name: string;
}

function idsOf(events: AuditEventView[], type: string): string[] {
  return [...new Set(events.filter((e) => e.resourceType === type).map((e) => e.resourceId))];
}

function tenantStatement(source: Extract<AuditSource, { kind: "tenant" }>, events: AuditEventView[]): Prisma.Sql {
  const actors = events.map((e) => actorUsername(e.actor, source.tenant.key)).filter((u): u is string => u !== null);
  const users = [...new Set([...idsOf(events, "user"), ...actors])];
  // Full name when the user has one; the id columns compared as text, so an id that is no UUID matches nothing instead of failing.
  return Prisma.sql`
    SELECT 'user' AS type, username AS id, NULLIF(trim(concat_ws(' ', first_name, last_name)), '') AS name FROM users WHERE username = ANY(${users}::text[])
    UNION ALL SELECT 'org_unit', id::text, name FROM org_units WHERE id::text = ANY(${idsOf(events, "org_unit")}::text[])
    UNION ALL SELECT 'organization', id::text, name FROM organizations WHERE id::text = ANY(${idsOf(events, "organization")}::text[])
    UNION ALL SELECT 'api_key', id::text, name FROM api_keys WHERE id::text = ANY(${idsOf(events, "api_key")}::text[])`;
}

function platformStatement(events: AuditEventView[]): Prisma.Sql {
  const tenants = idsOf(events, "tenant");
  // Tenant events name the tenant by id or (older ones) by key: both are looked up.
  return Prisma.sql`
    SELECT 'tenant' AS type, id::text AS id, display_name AS name FROM tenants WHERE id::text = ANY(${tenants}::text[])
    UNION ALL SELECT 'tenant', key, display_name FROM tenants WHERE key = ANY(${tenants}::text[])
    UNION ALL SELECT 'customer', id::text, display_name FROM customers WHERE id::text = ANY(${idsOf(events, "customer")}::text[])`;
}

/**
 * The names of the users, org units, organizations, API keys (a tenant's trail) or tenants and
 * customers (the platform's) that a page of events mentions, in one query for the whole page.
 * A resource deleted since has no name here, and is shown by its id.
 */
export async function resolveAuditNames(source: AuditSource, events: AuditEventView[]): Promise<AuditNames> {
  if (events.length === 0) return new Map();
  const rows =
    source.kind === "tenant"
      ? await tenantDb(source.tenant).$queryRaw<NameRow[]>(tenantStatement(source, events))
      : await controlDb().$queryRaw<NameRow[]>(platformStatement(events));
  return new Map(rows.filter((r) => r.name).map((r) => [nameKey(r.type, r.id), r.name]));
}

/**
 * The actions a trail holds, in order (for the viewer's pick list). A loose index scan on the
 * (action, occurred_at, id) index: one index probe per distinct action, however long the trail.
 */
export async function listAuditActions(source: AuditSource): Promise<string[]> {
  const table = Prisma.raw(source.kind === "platform" ? "platform_audit_events" : "audit_events");
  const statement = Prisma.sql`
    WITH RECURSIVE actions(action) AS (
      (SELECT action FROM ${table} ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT e.action FROM ${table} AS e WHERE e.action > a.action ORDER BY e.action LIMIT 1) FROM actions AS a WHERE a.action IS NOT NULL
    )
    SELECT action FROM actions WHERE action IS NOT NULL`;
  const rows = source.kind === "tenant" ? await tenantDb(source.tenant).$queryRaw<{ action: string }[]>(statement) : await controlDb().$queryRaw<{ action: string }[]>(statement);
  return rows.map((r) => r.action);
}
