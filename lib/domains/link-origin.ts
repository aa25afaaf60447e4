import type { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { customDomainUrl, tenantUrl } from "@/lib/tenancy/urls";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/**
 * Where the links a tenant hands out (set-password, invitations) point: its first verified custom
 * domain — the name its people know — else its platform host.
 */
/** Which verified domain is a tenant's primary one: the first verified (then by name). */
export const PRIMARY_DOMAIN_ORDER = [{ verifiedAt: "asc" }, { hostname: "asc" }] as const satisfies Prisma.TenantDomainOrderByWithRelationInput[];

export async function linkOrigin(tenant: Pick<ResolvedTenant, "id" | "key" | "kind">): Promise<string> {
  if (tenant.kind !== "dedicated") return tenantUrl(tenant);
  const domain = await controlDb().tenantDomain.findFirst({
    where: { tenantId: tenant.id, verifiedAt: { not: null } },
    orderBy: [...PRIMARY_DOMAIN_ORDER],
    select: { hostname: true },
  });
  return domain ? customDomainUrl(domain.hostname) : tenantUrl(tenant);
}
