import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { enforceQuota } from "@/lib/quotas/enforce";
import { toPage, type ListQuery, type Page } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { orgUnitIdOrThrow, orgUnitNotFound } from "@/lib/org-units/service";
import { addMembershipSchema, changeRoleSchema, type AddMembershipInput } from "@/lib/memberships/schema";
import type { MembershipRole } from "@/lib/memberships/roles";

type Tx = Prisma.TransactionClient;

/** A member of an org unit, with the user's names. */
export interface OrgUnitMember {
  username: string;
  role: MembershipRole;
  since: Date;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  enabled: boolean;
}

/** One org unit a user belongs to. */
export interface UserMembership {
  orgUnitId: string;
  identifier: string;
  name: string;
  role: MembershipRole;
  since: Date;
}

/** A membership as the audit trail and callers see it. */
export interface MembershipRecord {
  orgUnitId: string;
  identifier: string;
  username: string;
  role: MembershipRole;
}

const membershipNotFound = () => new AppError("not_found", "That user is not a member of this org unit.");

/** Memberships are resources of their own in the audit trail: `<org unit id>/<username>`. */
const resourceId = (orgUnitId: string, username: string) => `${orgUnitId}/${username}`;

/** The org unit's identifier, holding a share lock on its row so it cannot be deleted meanwhile. */
async function orgUnitIdentifier(tx: Tx, orgUnitId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ identifier: string }[]>`SELECT identifier FROM org_units WHERE id = ${orgUnitId}::uuid FOR SHARE`;
  if (!row) throw orgUnitNotFound();
  return row.identifier;
}

/** Locks one membership for the rest of the transaction and returns it. */
async function lockMembership(tx: Tx, orgUnitId: string, username: string): Promise<MembershipRecord> {
  const identifier = await orgUnitIdentifier(tx, orgUnitId);
  const [row] = await tx.$queryRaw<{ role: MembershipRole }[]>`
    SELECT role::text AS role FROM memberships WHERE org_unit_id = ${orgUnitId}::uuid AND username = ${username} FOR UPDATE`;
  if (!row) throw membershipNotFound();
  return { orgUnitId, identifier, username, role: row.role };
}

/**
 * Adds a user of this tenant to an org unit. An unknown user is `not_found` on `username`; an
 * existing membership is a `conflict` (also when two additions race).
 */
export async function addMembership(tenant: ResolvedTenant, orgUnitId: string, input: AddMembershipInput, by: AuditActor): Promise<MembershipRecord> {
  const { username, role } = parseOrThrow(addMembershipSchema, input);
  const ouId = orgUnitIdOrThrow(orgUnitId);
  try {
    return await tenantDb(tenant).$transaction(async (tx) => {
      const identifier = await orgUnitIdentifier(tx, ouId);
      const user = await tx.user.findUnique({ where: { username }, select: { username: true } });
      if (!user) throw new AppError("not_found", "No such user.", { username: `There is no user “${username}” in this workspace.` });
      await enforceQuota(tx, tenant, "memberships");
      await tx.membership.create({ data: { orgUnitId: ouId, username, role } });
      const record: MembershipRecord = { orgUnitId: ouId, identifier, username, role };
      await recordTenantEvent(tx, by, { action: "membership.added", resourceType: "membership", resourceId: resourceId(ouId, username), after: record });
      return record;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "Already a member.", { username: `“${username}” is already a member of this org unit.` });
    }
    // The user was deleted between the check and the insert.
    if (isForeignKeyViolation(error)) throw new AppError("not_found", "No such user.", { username: `There is no user “${username}” in this workspace.` });
    throw error;
  }
}

export async function changeMembershipRole(tenant: ResolvedTenant, orgUnitId: string, username: string, newRole: MembershipRole, by: AuditActor): Promise<MembershipRecord> {
  const { role } = parseOrThrow(changeRoleSchema, { role: newRole });
  const ouId = orgUnitIdOrThrow(orgUnitId);
  return tenantDb(tenant).$transaction(async (tx) => {
    const before = await lockMembership(tx, ouId, username);
    await tx.membership.update({ where: { username_orgUnitId: { username, orgUnitId: ouId } }, data: { role } });
    const after: MembershipRecord = { ...before, role };
    await recordTenantEvent(tx, by, { action: "membership.role_changed", resourceType: "membership", resourceId: resourceId(ouId, username), before, after });
    return after;
  });
}

export async function removeMembership(tenant: ResolvedTenant, orgUnitId: string, username: string, by: AuditActor): Promise<void> {
  const ouId = orgUnitIdOrThrow(orgUnitId);
  await tenantDb(tenant).$transaction(async (tx) => {
    const before = await lockMembership(tx, ouId, username);
    await tx.membership.delete({ where: { username_orgUnitId: { username, orgUnitId: ouId } } });
    await recordTenantEvent(tx, by, { action: "membership.removed", resourceType: "membership", resourceId: resourceId(ouId, username), before });
  });
}

/** A page of an org unit's members by username; `q` matches a prefix of the username or a name. */
export async function listOrgUnitMembers(tenant: ResolvedTenant, orgUnitId: string, query: ListQuery): Promise<Page<OrgUnitMember>> {
  const ouId = orgUnitIdOrThrow(orgUnitId);
  const db = tenantDb(tenant);
  const q = query.q;
  const where: Prisma.MembershipWhereInput = {
    orgUnitId: ouId,
    ...(q
      ? {
          OR: [
            { username: { startsWith: q.toLowerCase() } },
            { user: { firstName: { startsWith: q, mode: "insensitive" } } },
            { user: { lastName: { startsWith: q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const [ou, rows, total] = await db.$transaction([
    db.orgUnit.findUnique({ where: { id: ouId }, select: { id: true } }),
    db.membership.findMany({
      where,
      select: { username: true, role: true, createdAt: true, user: { select: { email: true, firstName: true, lastName: true, enabled: true } } },
      orderBy: { username: "asc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.membership.count({ where }),
  ]);
  if (!ou) throw orgUnitNotFound();
  return toPage(
    rows.map(({ user, createdAt, ...m }) => ({ ...m, since: createdAt, ...user })),
    total,
    query,
  );
}

/** Every org unit the user belongs to, by identifier (empty for an unknown user). */
export async function listUserMemberships(tenant: ResolvedTenant, username: string): Promise<UserMembership[]> {
  const rows = await tenantDb(tenant).membership.findMany({
    where: { username },
    select: { role: true, createdAt: true, orgUnit: { select: { id: true, identifier: true, name: true } } },
    orderBy: { orgUnit: { identifier: "asc" } },
  });
  return rows.map(({ role, createdAt, orgUnit }) => ({ orgUnitId: orgUnit.id, identifier: orgUnit.identifier, name: orgUnit.name, role, since: createdAt }));
}
