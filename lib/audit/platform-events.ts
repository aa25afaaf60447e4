import type { Prisma } from "@/lib/db/generated/control/client";
import type { AuditActor } from "@/lib/audit/actor";

type Tx = Pick<Prisma.TransactionClient, "platformAuditEvent">;

export interface PlatformEvent {
  action: string;
  resourceType: "customer" | "tenant" | "tenant_domain";
  resourceId: string;
  tenantId?: string | null;
  before?: unknown;
  after?: unknown;
}

function asJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

/** Appends a platform audit event; call it inside the transaction of the change it records. */
export async function recordPlatformEvent(tx: Tx, by: AuditActor, event: PlatformEvent): Promise<void> {
  await tx.platformAuditEvent.create({
    data: {
      actor: by.actor,
      ip: by.ip,
      userAgent: by.userAgent,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      tenantId: event.tenantId ?? null,
      before: asJson(event.before),
      after: asJson(event.after),
    },
  });
}
