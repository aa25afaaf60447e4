import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { escapeLike } from "@/shared/like";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent, recordTenantEvents } from "@/lib/audit/tenant-events";
import { enforceQuota } from "@/lib/quotas/enforce";
import { toPage, type PageQuery, type Page } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { orgUnitIdOrThrow, orgUnitNotFound } from "@/lib/org-units/service";
import { addMembershipSchema, changeRoleSchema, type AddMembershipInput } from "@/lib/memberships/schema";
import type { MembershipRole } from "@/lib/memberships/roles";
import { requireGrant, type Principal } from "@/lib/permissions/permissions";

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

/** Memberships of one org unit to add (user and role) and to remove (by username). */
export interface MembershipChanges {
  add?: readonly AddMembershipInput[];
  remove?: readonly string[];
}

const noSuchUsers = (usernames: readonly string[]) =>
  new AppError("not_found", usernames.length === 1 ? "No such user." : "No such users.", {
    username: `There is no user ${usernames.map((u) => `“${u}”`).join(", ")} in this workspace.`,
  });

/** `usernames` empty: one of a batch's users, unknown which (two additions raced). */
const alreadyMembers = (usernames: readonly string[]) =>
  new AppError("conflict", "Already a member.", {
    username: usernames.length
      ? `${usernames.map((u) => `“${u}”`).join(", ")} ${usernames.length === 1 ? "is" : "are"} already a member of this org unit.`
      : "One of these users is already a member of this org unit.",
  });

/** Deletes the memberships (all of them are there, else nothing is) and returns them as they were. */
async function deleteMemberships(tx: Tx, orgUnitId: string, identifier: string, usernames: readonly string[]): Promise<MembershipRecord[]> {
  if (usernames.length === 0) return [];
  const rows = await tx.$queryRaw<{ username: string; role: MembershipRole }[]>`
    DELETE FROM memberships WHERE org_unit_id = ${orgUnitId}::uuid AND username = ANY(${[...usernames]}::text[]) RETURNING username, role::text AS role`;
  if (rows.length !== new Set(usernames).size) throw membershipNotFound();
  return rows.map(({ username, role }) => ({ orgUnitId, identifier, username, role }));
}

/** Inserts the memberships after checking that every user exists and none is a member yet. */
async function insertMemberships(tx: Tx, orgUnitId: string, identifier: string, members: readonly AddMembershipInput[]): Promise<MembershipRecord[]> {
  if (members.length === 0) return [];
  const usernames = members.map((m) => m.username);
  const [users, existing] = await Promise.all([
    tx.user.findMany({ where: { username: { in: usernames } }, select: { username: true } }),
    tx.membership.findMany({ where: { orgUnitId, username: { in: usernames } }, select: { username: true } }),
  ]);
  const known = new Set(users.map((u) => u.username));
  const unknown = usernames.filter((u) => !known.has(u));
  if (unknown.length) throw noSuchUsers(unknown);
  if (existing.length) throw alreadyMembers(existing.map((m) => m.username));
  await tx.membership.createMany({ data: members.map(({ username, role }) => ({ orgUnitId, username, role })) });
  return members.map(({ username, role }) => ({ orgUnitId, identifier, username, role }));
}

/**
 * The grant rule (lib/permissions) for an OU role: giving or taking it needs every permission it
 * carries in that org unit. In the service, not the edge: it depends on the roles asked for and held,
 * read in the change's transaction.
 */
function requireMembershipGrant(principal: Principal, orgUnitId: string, role: MembershipRole, action: "give" | "take"): void {
  requireGrant(principal, { kind: "membershipRole", role, orgUnitId }, action === "give" ? "give it in this org unit" : "take it away in this org unit", "role");
}

/**
 * Adds and removes memberships of one org unit in one transaction: all of them or none. The
 * memberships quota is checked once for the net number added, under the quota lock (so concurrent
 * changes never exceed it together). Each membership added or removed is its own audit event.
 * An unknown user is `not_found` on `username`; an existing membership is a `conflict` (also when
 * two additions race); a membership to remove that is not there is `not_found`. `principal` must
 * hold, in this org unit, every permission of each role it gives or takes away (the grant rule).
 */
export async function changeMemberships(tenant: ResolvedTenant, orgUnitId: string, changes: MembershipChanges, principal: Principal, by: AuditActor): Promise<MembershipRecord[]> {
  const prepared = prepareChanges(orgUnitId, changes, principal);
  return tenantDb(tenant).$transaction((tx) => applyPrepared(tx, tenant, prepared, principal, by), { timeout: 15_000 });
}

/**
 * `changeMemberships` inside a transaction the caller holds, to commit the memberships together
 * with something else (SCIM writes a group and its members as one): the same checks, quota, locks
 * and audit events, and a refusal rolls back the caller's whole transaction.
 */
export async function applyMembershipChanges(
  tx: Tx,
  tenant: ResolvedTenant,
  orgUnitId: string,
  changes: MembershipChanges,
  principal: Principal,
  by: AuditActor,
): Promise<MembershipRecord[]> {
  return applyPrepared(tx, tenant, prepareChanges(orgUnitId, changes, principal), principal, by);
}

interface PreparedChanges {
  ouId: string;
  add: AddMembershipInput[];
  remove: readonly string[];
}

/** Validates the changes and checks the roles given, before any transaction. */
function prepareChanges(orgUnitId: string, changes: MembershipChanges, principal: Principal): PreparedChanges {
  const add = (changes.add ?? []).map((member) => parseOrThrow(addMembershipSchema, member));
  const ouId = orgUnitIdOrThrow(orgUnitId);
  for (const role of new Set(add.map((m) => m.role))) requireMembershipGrant(principal, ouId, role, "give");
  return { ouId, add, remove: changes.remove ?? [] };
}

async function applyPrepared(tx: Tx, tenant: ResolvedTenant, { ouId, add, remove }: PreparedChanges, principal: Principal, by: AuditActor): Promise<MembershipRecord[]> {
  try {
    const identifier = await orgUnitIdentifier(tx, ouId);
    // Before any membership row is locked, so changes queue on the quota lock rather than deadlock on rows.
    if (add.length) await enforceQuota(tx, tenant, "memberships", add.length - remove.length);
    const removed = await deleteMemberships(tx, ouId, identifier, remove);
    // The roles taken away are known once their rows are; a refusal rolls the removal back.
    for (const role of new Set(removed.map((m) => m.role))) requireMembershipGrant(principal, ouId, role, "take");
    const added = await insertMemberships(tx, ouId, identifier, add);
    await recordTenantEvents(tx, by, [
      ...removed.map((before) => ({ action: "membership.removed", resourceType: "membership" as const, resourceId: resourceId(ouId, before.username), before })),
      ...added.map((after) => ({ action: "membership.added", resourceType: "membership" as const, resourceId: resourceId(ouId, after.username), after })),
    ]);
    return added;
  } catch (error) {
    // Answered here, as what they mean, even inside a caller's transaction (which they abort anyway).
    if (isUniqueViolation(error)) throw alreadyMembers(add.length === 1 ? [add[0]!.username] : []);
    // A user was deleted between the check and the insert.
    if (isForeignKeyViolation(error)) throw noSuchUsers(add.map((m) => m.username));
    throw error;
  }
}

/** Adds a user of this tenant to an org unit (see `changeMemberships` for the errors). */
export async function addMembership(tenant: ResolvedTenant, orgUnitId: string, input: AddMembershipInput, principal: Principal, by: AuditActor): Promise<MembershipRecord> {
  const [added] = await changeMemberships(tenant, orgUnitId, { add: [input] }, principal, by);
  return added!;
}

/** Changes a member's role; `principal` must be able to give the new role and take the old one. */
export async function changeMembershipRole(
  tenant: ResolvedTenant,
  orgUnitId: string,
  username: string,
  newRole: MembershipRole,
  principal: Principal,
  by: AuditActor,
): Promise<MembershipRecord> {
  const { role } = parseOrThrow(changeRoleSchema, { role: newRole });
  const ouId = orgUnitIdOrThrow(orgUnitId);
  requireMembershipGrant(principal, ouId, role, "give");
  return tenantDb(tenant).$transaction(async (tx) => {
    const before = await lockMembership(tx, ouId, username);
    requireMembershipGrant(principal, ouId, before.role, "take");
    await tx.membership.update({ where: { username_orgUnitId: { username, orgUnitId: ouId } }, data: { role } });
    const after: MembershipRecord = { ...before, role };
    await recordTenantEvent(tx, by, { action: "membership.role_changed", resourceType: "membership", resourceId: resourceId(ouId, username), before, after });
    return after;
  });
}

export async function removeMembership(tenant: ResolvedTenant, orgUnitId: string, username: string, principal: Principal, by: AuditActor): Promise<void> {
  await changeMemberships(tenant, orgUnitId, { remove: [username] }, principal, by);
}

/** A page of an org unit's members by username; `q` matches a prefix of the username or a name. */
export async function listOrgUnitMembers(tenant: ResolvedTenant, orgUnitId: string, query: PageQuery): Promise<Page<OrgUnitMember>> {
  const ouId = orgUnitIdOrThrow(orgUnitId);
  const db = tenantDb(tenant);
  const q = query.q;
  const where: Prisma.MembershipWhereInput = {
    orgUnitId: ouId,
    ...(q
      ? {
          OR: [
            { username: { startsWith: escapeLike(q.toLowerCase()) } },
            { user: { firstName: { startsWith: escapeLike(q), mode: "insensitive" } } },
            { user: { lastName: { startsWith: escapeLike(q), mode: "insensitive" } } },
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
