import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { escapeLike } from "@/shared/like";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { enforceQuota } from "@/lib/quotas/enforce";
import { inDefaultOrder, offsetOf, toPage, type ListQuery, type ListSpec, type PageQuery, type Page } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { metadataFromJson, type OrgUnitMetadata } from "@/lib/org-units/metadata";
import { createOrgUnitSchema, orgUnitIdSchema, updateOrgUnitSchema, type CreateOrgUnitInput, type UpdateOrgUnitInput } from "@/lib/org-units/schema";

type Tx = Prisma.TransactionClient;

export interface OrgUnitSummary {
  id: string;
  identifier: string;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: Date;
}

export interface OrgUnitDetail extends OrgUnitSummary {
  metadata: OrgUnitMetadata;
  /** A SCIM client's id for the group in its own directory. */
  externalId: string | null;
  updatedAt: Date;
}

/** Only SCIM sets it; absent = unchanged. */
interface ExternalId {
  externalId?: string | null;
}

const summarySelect = {
  id: true,
  identifier: true,
  name: true,
  description: true,
  createdAt: true,
  _count: { select: { memberships: true } },
} as const satisfies Prisma.OrgUnitSelect;

const detailSelect = { ...summarySelect, metadata: true, externalId: true, updatedAt: true } as const satisfies Prisma.OrgUnitSelect;

type SummaryRow = Prisma.OrgUnitGetPayload<{ select: typeof summarySelect }>;
type DetailRow = Prisma.OrgUnitGetPayload<{ select: typeof detailSelect }>;

function toSummary(row: SummaryRow): OrgUnitSummary {
  return { id: row.id, identifier: row.identifier, name: row.name, description: row.description, createdAt: row.createdAt, memberCount: row._count.memberships };
}

function toDetail(row: DetailRow): OrgUnitDetail {
  return { ...toSummary(row), metadata: metadataFromJson(row.metadata), externalId: row.externalId, updatedAt: row.updatedAt };
}

/** What the audit trail records of an org unit. */
function snapshot(ou: OrgUnitDetail) {
  return { id: ou.id, identifier: ou.identifier, name: ou.name, description: ou.description, metadata: ou.metadata, externalId: ou.externalId };
}

export const orgUnitNotFound = () => new AppError("not_found", "Org unit not found.");

/** A well-formed id, or `not_found`: a malformed id cannot name an org unit. */
export function orgUnitIdOrThrow(id: string): string {
  if (!orgUnitIdSchema.safeParse(id).success) throw orgUnitNotFound();
  return id;
}

/** Locks the org unit's row for the rest of the transaction (updates and deletes queue behind it). */
async function lockOrgUnit(tx: Tx, id: string): Promise<OrgUnitDetail> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM org_units WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw orgUnitNotFound();
  return toDetail(await tx.orgUnit.findUniqueOrThrow({ where: { id }, select: detailSelect }));
}

export interface OrgUnitListOptions {
  /** Only these org units (a caller allowed to read some OUs but not to list them all). */
  within?: readonly string[];
}

/** The org units list: sorted by identifier or creation; no filters. */
export const orgUnitListSpec = {
  sorts: { identifier: "asc", created: "desc" },
  defaultSort: "identifier",
  filters: {},
} as const satisfies ListSpec;

export type OrgUnitListQuery = ListQuery<keyof typeof orgUnitListSpec.sorts, never>;

/**
 * A page of org units (by identifier unless the query sorts otherwise); `q` matches any part of
 * the identifier or the name, in any case (a tenant's few thousand org units need no index for it).
 */
export async function listOrgUnits(tenant: ResolvedTenant, pageQuery: PageQuery | OrgUnitListQuery, options: OrgUnitListOptions = {}): Promise<Page<OrgUnitSummary>> {
  const db = tenantDb(tenant);
  const query = inDefaultOrder(pageQuery, orgUnitListSpec);
  const contains = { contains: escapeLike(query.q), mode: "insensitive" } as const;
  const where: Prisma.OrgUnitWhereInput = {
    AND: [query.q ? { OR: [{ identifier: contains }, { name: contains }] } : {}, options.within ? { id: { in: [...options.within] } } : {}],
  };
  const column = { identifier: "identifier", created: "createdAt" } as const;
  const orderBy: Prisma.OrgUnitOrderByWithRelationInput[] = [{ [column[query.sort]]: query.dir }, { id: query.dir }];
  const [rows, total] = await db.$transaction([
    db.orgUnit.findMany({ where, select: summarySelect, orderBy, skip: offsetOf(query), take: query.pageSize }),
    db.orgUnit.count({ where }),
  ]);
  return toPage(rows.map(toSummary), total, query);
}

/** The org unit, or null when this tenant has none with that id. */
export async function findOrgUnit(tenant: ResolvedTenant, id: string): Promise<OrgUnitDetail | null> {
  if (!orgUnitIdSchema.safeParse(id).success) return null;
  const row = await tenantDb(tenant).orgUnit.findUnique({ where: { id }, select: detailSelect });
  return row ? toDetail(row) : null;
}

/** The org unit, or `not_found`. */
export async function getOrgUnit(tenant: ResolvedTenant, id: string): Promise<OrgUnitDetail> {
  const ou = await findOrgUnit(tenant, id);
  if (!ou) throw orgUnitNotFound();
  return ou;
}

/** The org unit with this identifier, or null. */
export async function findOrgUnitByIdentifier(tenant: ResolvedTenant, identifier: string): Promise<OrgUnitDetail | null> {
  const row = await tenantDb(tenant).orgUnit.findUnique({ where: { identifier }, select: detailSelect });
  return row ? toDetail(row) : null;
}

export interface OrgUnitWriteOptions {
  /**
   * More work that must commit with the org unit or not at all (SCIM's members), run in the same
   * transaction after the org unit is written; a refusal there rolls the org unit back too.
   */
  alongside?: (tx: Tx, orgUnit: OrgUnitDetail) => Promise<void>;
}

/** Creates an org unit; a taken identifier is a `conflict` on `identifier`, also when two creations race. */
export async function createOrgUnit(tenant: ResolvedTenant, input: CreateOrgUnitInput & ExternalId, by: AuditActor, options: OrgUnitWriteOptions = {}): Promise<OrgUnitDetail> {
  const data = { ...parseOrThrow(createOrgUnitSchema, input), externalId: input.externalId ?? null };
  try {
    return await tenantDb(tenant).$transaction(
      async (tx) => {
        await enforceQuota(tx, tenant, "orgUnits");
        const created = toDetail(await tx.orgUnit.create({ data, select: detailSelect }));
        await recordTenantEvent(tx, by, { action: "org_unit.created", resourceType: "org_unit", resourceId: created.id, after: snapshot(created) });
        await options.alongside?.(tx, created);
        return created;
      },
      options.alongside ? { timeout: 15_000 } : undefined,
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "That identifier is already taken.", { identifier: `An org unit with the identifier “${data.identifier}” already exists.` });
    }
    throw error;
  }
}

/** Changes name, description and/or metadata (fields left out stay as they are). */
export async function updateOrgUnit(
  tenant: ResolvedTenant,
  id: string,
  input: UpdateOrgUnitInput & ExternalId,
  by: AuditActor,
  options: OrgUnitWriteOptions = {},
): Promise<OrgUnitDetail> {
  const data = { ...parseOrThrow(updateOrgUnitSchema, input), ...(input.externalId !== undefined ? { externalId: input.externalId } : {}) };
  const orgUnitId = orgUnitIdOrThrow(id);
  return tenantDb(tenant).$transaction(
    async (tx) => {
      const before = await lockOrgUnit(tx, orgUnitId);
      const after = toDetail(await tx.orgUnit.update({ where: { id: orgUnitId }, data, select: detailSelect }));
      await recordTenantEvent(tx, by, { action: "org_unit.updated", resourceType: "org_unit", resourceId: orgUnitId, before: snapshot(before), after: snapshot(after) });
      await options.alongside?.(tx, after);
      return after;
    },
    options.alongside ? { timeout: 15_000 } : undefined,
  );
}

const memberCountText = (n: number) => (n === 1 ? "1 member" : `${n} members`);

export interface OrgUnitDeleteOptions {
  /**
   * Run in the delete's transaction once the org unit's row is locked, before its members are
   * counted (SCIM removes them here): a membership added meanwhile waits for the row and then
   * finds the org unit gone, so none slips in between emptying and deleting.
   */
  emptying?: (tx: Tx, orgUnit: OrgUnitDetail) => Promise<void>;
}

/**
 * Deletes an empty org unit. One with members is a `conflict`: the row lock makes a membership
 * added at the same moment either wait and then fail, or be counted here.
 */
export async function deleteOrgUnit(tenant: ResolvedTenant, id: string, by: AuditActor, options: OrgUnitDeleteOptions = {}): Promise<void> {
  const orgUnitId = orgUnitIdOrThrow(id);
  await tenantDb(tenant).$transaction(
    async (tx) => {
      const before = await lockOrgUnit(tx, orgUnitId);
      await options.emptying?.(tx, before);
      const members = await tx.membership.count({ where: { orgUnitId } });
      if (members > 0) {
        throw new AppError("conflict", `“${before.identifier}” still has ${memberCountText(members)}. Remove every member before deleting the org unit.`);
      }
      await tx.orgUnit.delete({ where: { id: orgUnitId } });
      await recordTenantEvent(tx, by, { action: "org_unit.deleted", resourceType: "org_unit", resourceId: orgUnitId, before: snapshot(before) });
    },
    options.emptying ? { timeout: 15_000 } : undefined,
  );
}
