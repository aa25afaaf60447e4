import type { AuditActor } from "@/lib/audit/actor";

/** What both audit tables store of any event: who, from where, what, on which resource, before/after. */
export interface AuditRow {
  actor: string;
  ip: string | null;
  userAgent: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
}

type JsonValue = string | number | boolean | { [key: string]: JsonValue | null } | (JsonValue | null)[];

/** Plain JSON of a record (dates as ISO strings, undefined dropped); null and undefined are "absent". */
function asJson(value: unknown): JsonValue | undefined {
  return value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

export function auditRow(by: AuditActor, event: { action: string; resourceType: string; resourceId: string; before?: unknown; after?: unknown }): AuditRow {
  return {
    actor: by.actor,
    ip: by.ip,
    userAgent: by.userAgent,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    before: asJson(event.before),
    after: asJson(event.after),
  };
}
