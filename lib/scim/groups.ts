import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { AuditActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors/app-error";
import { createOrgUnit, deleteOrgUnit, updateOrgUnit } from "@/lib/org-units/service";
import { applyMembershipChanges, changeMemberships, type MembershipChanges } from "@/lib/memberships/service";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { Principal } from "@/lib/permissions/permissions";
import { invalidValue, ScimError, scimNotFound } from "@/lib/scim/errors";
import { compileFilter, prismaLogic, textAttribute, UUID_PATTERN, uuidAttribute, type FilterTarget } from "@/lib/scim/filter";
import { applyPatch } from "@/lib/scim/patch";
import { SCIM_SCHEMAS } from "@/lib/scim/schemas";
import { wants, type ListParams } from "@/lib/scim/list";
import { groupIdentifier } from "@/lib/scim/group-identifier";
import { desiredGroup, toScimGroup, type DesiredGroup, type GroupRecord, type ScimGroup } from "@/lib/scim/group-resource";

// SCIM Groups on top of the org-unit and membership services: the same validation, quotas,
// locking and audit trail as the console. Members a client adds get the membership role `default`.
// A group write is one transaction: the org unit and its members commit together or not at all
// (a refused member list — over the quota, say — leaves no new group and no changed displayName).

type Where = Prisma.OrgUnitWhereInput;

export const GROUP_FILTER: FilterTarget<Where> = {
  schema: SCIM_SCHEMAS.group,
  logic: prismaLogic<Where>({ id: { in: [] } }),
  attributes: {
    id: uuidAttribute<Where>("id", (id) => ({ id })),
    displayname: textAttribute<Where>("displayName", (c) => ({ name: c })),
    externalid: textAttribute<Where>("externalId", (c) => ({ externalId: c }), { caseExact: true, present: { externalId: { not: null } } }),
    "members.value": uuidAttribute<Where>("members.value", (id) => ({ memberships: { some: { user: { id } } } })),
  },
};

const GROUP_SELECT = { id: true, name: true, externalId: true, createdAt: true, updatedAt: true } as const satisfies Prisma.OrgUnitSelect;
const WITH_MEMBERS = {
  ...GROUP_SELECT,
  memberships: { select: { user: { select: { id: true, username: true } } }, orderBy: { username: "asc" } },
} as const satisfies Prisma.OrgUnitSelect;

type GroupRow = Prisma.OrgUnitGetPayload<{ select: typeof GROUP_SELECT }> & Partial<Prisma.OrgUnitGetPayload<{ select: typeof WITH_MEMBERS }>>;

const groupSelect = (withMembers: boolean) => (withMembers ? WITH_MEMBERS : GROUP_SELECT);

function toRecord(row: GroupRow): GroupRecord {
  const { memberships, ...group } = row;
  return { ...group, ...(memberships ? { members: memberships.map((m) => m.user) } : {}) };
}

async function findGroupRecord(tenant: ResolvedTenant, id: string, withMembers = true): Promise<GroupRecord> {
  const row = UUID_PATTERN.test(id) ? await tenantDb(tenant).orgUnit.findUnique({ where: { id: id.toLowerCase() }, select: groupSelect(withMembers) }) : null;
  if (!row) throw scimNotFound("Group", id);
  return toRecord(row);
}

export async function getScimGroup(tenant: ResolvedTenant, id: string, baseUrl: string, withMembers: boolean): Promise<ScimGroup> {
  return toScimGroup(await findGroupRecord(tenant, id, withMembers), baseUrl);
}

export async function listScimGroups(tenant: ResolvedTenant, params: ListParams, baseUrl: string): Promise<{ resources: ScimGroup[]; total: number }> {
  const where = params.filter ? compileFilter(GROUP_FILTER, params.filter) : {};
  const db = tenantDb(tenant);
  const [total, rows] = await db.$transaction([
    db.orgUnit.count({ where }),
    db.orgUnit.findMany({
      where,
      select: groupSelect(wants(params.projection, "members")),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: params.startIndex - 1,
      take: params.count,
    }),
  ]);
  return { total, resources: rows.map((row) => toScimGroup(toRecord(row), baseUrl)) };
}

/** The usernames of the members' SCIM ids; an id that names no user of this tenant is `invalidValue`. */
async function usernamesOf(tenant: ResolvedTenant, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const valid = ids.filter((id) => UUID_PATTERN.test(id));
  const rows = await tenantDb(tenant).user.findMany({ where: { id: { in: valid } }, select: { id: true, username: true } });
  const found = new Map(rows.map((r) => [r.id, r.username]));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length)
    throw invalidValue(`No user with the id ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : ""} in this workspace.`);
  return found;
}

/** The members to add (with the role `default`) and remove, as the membership service takes them; null when there is nothing to do. */
function memberChanges(add: Iterable<string>, remove: readonly string[]): MembershipChanges | null {
  const members = [...add].map((username) => ({ username, role: "default" as const }));
  return members.length || remove.length ? { add: members, remove } : null;
}

/**
 * Creates the org unit (its identifier derived from displayName, which therefore must be unique —
 * a second group of the same name is a 409 `uniqueness`) and its members, in one transaction.
 */
export async function createScimGroup(tenant: ResolvedTenant, body: unknown, principal: Principal, by: AuditActor, baseUrl: string): Promise<ScimGroup> {
  const desired = desiredGroup(body);
  const members = memberChanges((await usernamesOf(tenant, desired.memberIds)).values(), []);
  let id: string;
  try {
    ({ id } = await createOrgUnit(tenant, { identifier: groupIdentifier(desired.name), name: desired.name, externalId: desired.externalId }, by, {
      alongside: members ? async (tx, created) => void (await applyMembershipChanges(tx, tenant, created.id, members, principal, by)) : undefined,
    }));
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict" && "identifier" in error.fields) {
      throw new ScimError(409, "uniqueness", `A group named “${desired.name}” (or one whose identifier reads the same) already exists.`);
    }
    throw error;
  }
  return getScimGroup(tenant, id, baseUrl, true);
}

/** Makes the org unit what `desired` says — name and externalId, members added and removed — in one transaction. */
async function saveGroup(tenant: ResolvedTenant, current: GroupRecord, desired: DesiredGroup, principal: Principal, by: AuditActor, baseUrl: string): Promise<ScimGroup> {
  const currentIds = new Set((current.members ?? []).map((m) => m.id));
  const wanted = new Set(desired.memberIds);
  const toAdd = await usernamesOf(
    tenant,
    desired.memberIds.filter((id) => !currentIds.has(id)),
  );
  const toRemove = (current.members ?? []).filter((m) => !wanted.has(m.id));
  const members = memberChanges(
    toAdd.values(),
    toRemove.map((m) => m.username),
  );
  if (desired.name !== current.name || desired.externalId !== current.externalId) {
    await updateOrgUnit(tenant, current.id, { name: desired.name, externalId: desired.externalId }, by, {
      alongside: members ? async (tx) => void (await applyMembershipChanges(tx, tenant, current.id, members, principal, by)) : undefined,
    });
  } else if (members) {
    await changeMemberships(tenant, current.id, members, principal, by);
  }
  return getScimGroup(tenant, current.id, baseUrl, true);
}

export async function replaceScimGroup(tenant: ResolvedTenant, id: string, body: unknown, principal: Principal, by: AuditActor, baseUrl: string): Promise<ScimGroup> {
  const current = await findGroupRecord(tenant, id);
  return saveGroup(tenant, current, desiredGroup(body), principal, by, baseUrl);
}

export async function patchScimGroup(tenant: ResolvedTenant, id: string, body: unknown, principal: Principal, by: AuditActor, baseUrl: string): Promise<ScimGroup> {
  const current = await findGroupRecord(tenant, id);
  const patched = applyPatch(toScimGroup(current, baseUrl), body);
  return saveGroup(tenant, current, desiredGroup(patched), principal, by, baseUrl);
}

/**
 * Removes the members (each audited) and the org unit in one transaction: the members as they are
 * once the org unit is locked, so one added at the same moment goes with it (or finds it gone).
 */
export async function deleteScimGroup(tenant: ResolvedTenant, id: string, principal: Principal, by: AuditActor): Promise<void> {
  const current = await findGroupRecord(tenant, id);
  await deleteOrgUnit(tenant, current.id, by, {
    emptying: async (tx) => {
      const members = await tx.membership.findMany({ where: { orgUnitId: current.id }, select: { username: true } });
      if (members.length) await applyMembershipChanges(tx, tenant, current.id, { remove: members.map((m) => m.username) }, principal, by);
    },
  });
}
