import type { Prisma } from "@/lib/db/generated/control/client";
import type { AuditActor } from "@/lib/audit/actor";
import { auditRow } from "@/lib/audit/record";

type Tx = Pick<Prisma.TransactionClient, "platformAuditEvent">;

export interface PlatformEvent {
  action: string;
  resourceType: "customer" | "tenant" | "tenant_domain" | "user";
  resourceId: string;
  tenantId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends a platform audit event; call it inside the transaction of the change it records. */
export async function recordPlatformEvent(tx: Tx, by: AuditActor, event: PlatformEvent): Promise<void> {
  await tx.platformAuditEvent.create({ data: { ...auditRow(by, event), tenantId: event.tenantId ?? null } });
}
