import type { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { escapeLike } from "@/shared/like";
import { toPage, type ListQuery, type Page } from "@/lib/pagination/page";

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

function searchFilter(q: string): Prisma.TenantWhereInput {
  if (!q) return {};
  return { OR: [{ key: { startsWith: escapeLike(q.toLowerCase()) } }, { displayName: { contains: escapeLike(q), mode: "insensitive" } }] };
}

export async function listTenants(query: ListQuery): Promise<Page<TenantListItem>> {
  const where = searchFilter(query.q);
  const [items, total] = await controlDb().$transaction([
    controlDb().tenant.findMany({
      where,
      select: listSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
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
