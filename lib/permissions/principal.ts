import { cache } from "react";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { MembershipRole, Principal } from "@/lib/permissions/permissions";
import { TENANT_ROLES } from "@/lib/identity/roles";

export interface UserAccount {
  /** False when the tenant has disabled this user: they are refused on their next request. */
  enabled: boolean;
  principal: Principal;
}

/**
 * One read per request and user: a page and its layout both ask, and React's `cache` (scoped to
 * the server render of one request; outside a render it just calls through) answers the second.
 * Keyed by primitives, so two lookups of the same tenant share it.
 */
const readAccount = cache(async (tenantId: string, databaseName: string, databaseUrl: string | null, username: string, subject: string | null) => {
  const db = tenantDb({ id: tenantId, databaseName, databaseUrl });
  const [user, memberships] = await Promise.all([
    db.user.findUnique({ where: { username }, select: { enabled: true, tenantRole: true, identityId: true } }),
    db.membership.findMany({ where: { username }, select: { orgUnitId: true, role: true } }),
  ]);
  const ouRoles: Record<string, MembershipRole> = {};
  for (const m of memberships) ouRoles[m.orgUnitId] = m.role;
  // A name no user holds: a user created in the realm only (enabled), or a session from before a rename or deletion (refused).
  // A name now held by another realm user than the one the session was issued to (renamed or deleted, and the name reused): refused.
  const samePerson = !user?.identityId || !subject || user.identityId === subject;
  const enabled = user ? user.enabled && samePerson : !(await db.retiredUsername.findUnique({ where: { username }, select: { username: true } }));
  return { enabled, tenantRole: user?.tenantRole ?? null, ouRoles };
});

/**
 * A signed-in user's account in their tenant, read from the tenant's database on every request:
 * their OU roles, whether they are still enabled (a session issued to another realm user than the
 * one holding the name now — the name was renamed away or deleted and reused — is not; users the tenant does not manage — created
 * directly in the realm — count as enabled; a name given up by a rename or a deletion does not), and their tenant-wide role: the one kept here wins over
 * the session's, so a changed role counts from the next request, not the next sign-in.
 */
export async function userAccount(tenant: ResolvedTenant, username: string, sessionRoles: readonly string[], subject: string | null = null): Promise<UserAccount> {
  const { enabled, tenantRole, ouRoles } = await readAccount(tenant.id, tenant.databaseName, tenant.databaseUrl, username, subject);
  const realmRoles = tenantRole ? [...sessionRoles.filter((role) => !(TENANT_ROLES as readonly string[]).includes(role)), tenantRole] : sessionRoles;
  return { enabled, principal: { kind: "user", username, realmRoles, ouRoles } };
}
