import type { Prisma, TenantKind, TenantStatus } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { escapeLike } from "@/shared/like";
import { offsetOf, toPage, type ListQuery, type ListSpec, type Page } from "@/lib/pagination/page";

const listSelect = {
  id: true,
  key: true,
  displayName: true,
  kind: true,
  status: true,
  createdAt: true,
  customer: { select: { id: true, displayName: true } },
  steps: { select: { step: true, status: true, attempts: true, lastError: true }, orderBy: { position: "asc" } },
} as const satisfies Prisma.TenantSelect;

export type TenantListItem = Prisma.TenantGetPayload<{ select: typeof listSelect }>;

export const TENANT_STATUSES = ["provisioning", "active", "suspended", "archived", "deleted"] as const satisfies readonly TenantStatus[];
export const TENANT_KINDS = ["root", "shared_cloud", "dedicated"] as const satisfies readonly TenantKind[];

/** The tenants list: sorted by name, creation or status; filtered by status and kind. */
export const tenantListSpec = {
  sorts: { name: "asc", created: "desc", status: "asc" },
  defaultSort: "created",
  filters: { status: TENANT_STATUSES, kind: TENANT_KINDS },
} as const satisfies ListSpec;

export type TenantListQuery = ListQuery<keyof typeof tenantListSpec.sorts, keyof typeof tenantListSpec.filters>;

/** Case-insensitive substring search over key and display name (a few thousand rows: no index needed). */
export function tenantListWhere(query: TenantListQuery): Prisma.TenantWhereInput {
  const where: Prisma.TenantWhereInput[] = [];
  if (query.q) where.push({ OR: [{ key: { contains: escapeLike(query.q), mode: "insensitive" } }, { displayName: { contains: escapeLike(query.q), mode: "insensitive" } }] });
  if (query.filters.status) where.push({ status: query.filters.status as TenantStatus });
  if (query.filters.kind) where.push({ kind: query.filters.kind as TenantKind });
  return where.length ? { AND: where } : {};
}

export function tenantListOrder(query: TenantListQuery): Prisma.TenantOrderByWithRelationInput[] {
  const column = { name: "displayName", created: "createdAt", status: "status" } as const;
  // The id breaks ties, so a page boundary never splits rows of equal value differently twice.
  return [{ [column[query.sort]]: query.dir }, ...(query.sort === "created" ? [] : [{ createdAt: "desc" as const }]), { id: query.dir }];
}

export async function listTenants(query: TenantListQuery): Promise<Page<TenantListItem>> {
  const where = tenantListWhere(query);
  const [items, total] = await controlDb().$transaction([
    controlDb().tenant.findMany({ where, select: listSelect, orderBy: tenantListOrder(query), skip: offsetOf(query), take: query.pageSize }),
    controlDb().tenant.count({ where }),
  ]);
  return toPage(items, total, query);
}

const provisioningSelect = {
  id: true,
  status: true,
  activatedAt: true,
  purgedAt: true,
  steps: {
    select: { step: true, status: true, attempts: true, startedAt: true, doneAt: true, lastError: true, nextAttemptAt: true },
    orderBy: { position: "asc" },
  },
} as const satisfies Prisma.TenantSelect;

export type ProvisioningState = Prisma.TenantGetPayload<{ select: typeof provisioningSelect }>;

export function getProvisioningState(tenantId: string): Promise<ProvisioningState | null> {
  return controlDb().tenant.findUnique({ where: { id: tenantId }, select: provisioningSelect });
}

export function getTenant(tenantId: string) {
  return controlDb().tenant.findUnique({
    where: { id: tenantId },
    include: {
      customer: { select: { id: true, displayName: true, legalName: true } },
      domains: { orderBy: { hostname: "asc" } },
      steps: { orderBy: { position: "asc" } },
    },
  });
}
