import { controlDb } from "@/lib/db/control";
import type { ResolvedTenant } from "@/lib/tenancy/types";

const tenantFields = { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true } as const;

/** The shared cloud tenant, whose database holds the organizations; null before bootstrap. */
export function cloudTenant(): Promise<ResolvedTenant | null> {
  return controlDb().tenant.findFirst({ where: { kind: "shared_cloud" }, select: tenantFields });
}
