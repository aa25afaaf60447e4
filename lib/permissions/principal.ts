import { cache } from "react";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { MembershipRole, Principal } from "@/lib/permissions/permissions";

export interface UserStanding {
  /** False when the tenant has disabled this user: they are refused on their next request. */
  enabled: boolean;
  principal: Principal;
}

/**
 * One read per request and user: a page and its layout both ask, and React's `cache` (scoped to
 * the server render of one request; outside a render it just calls through) answers the second.
 * Keyed by primitives, so two lookups of the same tenant share it.
 */
const readStanding = cache(async (tenantId: string, databaseName: string, databaseUrl: string | null, username: string) => {
  const db = tenantDb({ id: tenantId, databaseName, databaseUrl });
  const [user, memberships] = await Promise.all([
    db.user.findUnique({ where: { username }, select: { enabled: true } }),
    db.membership.findMany({ where: { username }, select: { orgUnitId: true, role: true } }),
  ]);
  const ouRoles: Record<string, MembershipRole> = {};
  for (const m of memberships) ouRoles[m.orgUnitId] = m.role;
  return { enabled: user?.enabled ?? true, ouRoles };
});

/**
 * A signed-in user's standing in their tenant, read from the tenant's database on every request:
 * their OU roles, and whether they are still enabled (users the tenant does not manage — created
 * directly in the realm — count as enabled).
 */
export async function userStanding(tenant: ResolvedTenant, username: string, realmRoles: readonly string[]): Promise<UserStanding> {
  const { enabled, ouRoles } = await readStanding(tenant.id, tenant.databaseName, tenant.databaseUrl, username);
  return { enabled, principal: { kind: "user", username, realmRoles, ouRoles } };
}
