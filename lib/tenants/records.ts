import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/control/client";
import type { TenantKind } from "@/lib/db/generated/control/enums";
import { initialStepRows } from "@/lib/provisioning/steps";

type Tx = Pick<Prisma.TransactionClient, "tenant">;

export interface NewTenant {
  key: string;
  displayName: string;
  kind: TenantKind;
  customerId: string;
  databaseUrl?: string | null;
}

/** Tenant databases are named after the tenant id, not its key, so a key can be reused after purge. */
export function databaseNameFor(tenantId: string): string {
  return `gatehouse_t_${tenantId.replaceAll("-", "")}`;
}

/** Inserts a tenant in `provisioning` with all its steps pending; the controller does the rest. */
export async function insertTenant(tx: Tx, input: NewTenant) {
  const id = randomUUID();
  return tx.tenant.create({
    data: {
      id,
      key: input.key,
      displayName: input.displayName,
      kind: input.kind,
      status: "provisioning",
      customerId: input.customerId,
      databaseName: databaseNameFor(id),
      databaseUrl: input.databaseUrl ?? null,
      steps: { create: initialStepRows() },
    },
  });
}
