import type { Prisma } from "@/lib/db/generated/tenant/client";
import type { AuditActor } from "@/lib/audit/actor";

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

export interface TenantEvent {
  action: string;
  resourceType: "user" | "org_unit" | "membership" | "api_key" | "settings";
  resourceId: string;
  before?: unknown;
  after?: unknown;
}

function asJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

/** Appends an audit event to the tenant's own database; call it inside the change's transaction. */
export async function recordTenantEvent(tx: Tx, by: AuditActor, event: TenantEvent): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: by.actor,
      ip: by.ip,
      userAgent: by.userAgent,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      before: asJson(event.before),
      after: asJson(event.after),
    },
  });
}
