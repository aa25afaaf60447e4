import type { Prisma } from "@/lib/db/generated/tenant/client";
import type { AuditActor } from "@/lib/audit/actor";
import { auditRow } from "@/lib/audit/record";

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

export interface TenantEvent {
  action: string;
  resourceType: "user" | "org_unit" | "membership" | "api_key" | "settings" | "tenant" | "organization" | "invitation";
  resourceId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends an audit event to the tenant's own database; call it inside the change's transaction. */
export async function recordTenantEvent(tx: Tx, by: AuditActor, event: TenantEvent): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(by, event) });
}

/** Appends several audit events in one statement (a batch of changes); call it inside their transaction. */
export async function recordTenantEvents(tx: Tx, by: AuditActor, events: readonly TenantEvent[]): Promise<void> {
  if (events.length) await tx.auditEvent.createMany({ data: events.map((event) => auditRow(by, event)) });
}
