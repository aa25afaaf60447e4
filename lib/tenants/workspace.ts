import { tenantDb } from "@/lib/db/tenant-clients";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** Counts from the tenant's own database, for its home page. */
export async function workspaceSummary(tenant: ResolvedTenant): Promise<{ users: number; orgUnits: number; memberships: number }> {
  const db = tenantDb(tenant);
  const [users, orgUnits, memberships] = await Promise.all([db.user.count(), db.orgUnit.count(), db.membership.count()]);
  return { users, orgUnits, memberships };
}
