import { env } from "@/lib/config/env";
import type { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { ensureAppClient } from "@/lib/identity/clients";
import { setRealmFrontendUrl } from "@/lib/identity/realms";
import { realmFrontendUrl } from "@/lib/domains/frontend-url";
import { PRIMARY_DOMAIN_ORDER } from "@/lib/domains/link-origin";
import { appClientSecret } from "@/lib/auth/client-secret";
import { customDomainUrl, tenantUrl } from "@/lib/tenants/urls";
import type { TenantKind } from "@/lib/db/generated/control/enums";

type Tx = Prisma.TransactionClient;
export interface ClientTenant {
  id: string;
  key: string;
  kind: TenantKind;
}

// Advisory-lock namespace for "the app client of tenant X is being rewritten" (first key of the two-int form).
const LOCK_NAMESPACE = 0x646f_6d6e; // "domn"
/** The identity server is called inside the transaction; give it room beyond Prisma's 5 s default. */
export const CLIENT_SYNC_TX = { timeout: 30_000, maxWait: 10_000 } as const;

/**
 * Serialises the tenant's domain changes that rewrite its app client: each rewrite reads the
 * verified domains under this lock, so two domains verifying at once cannot drop each other's URIs.
 */
export async function lockTenantDomains(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${tenantId}))`;
}

/**
 * Writes the realm's `gatehouse` client with redirect and post-logout URIs for the tenant's own
 * host and each verified custom domain, as `tx` sees them, and — when a public URL template is
 * configured — the realm's `frontendUrl` for its primary verified domain. Call it holding
 * lockTenantDomains.
 */
export async function writeAppClient(tx: Tx, tenant: ClientTenant): Promise<void> {
  const domains = await tx.tenantDomain.findMany({ where: { tenantId: tenant.id, verifiedAt: { not: null } }, select: { hostname: true }, orderBy: [...PRIMARY_DOMAIN_ORDER] });
  const origins = [tenantUrl(tenant), ...[...domains].sort((a, b) => (a.hostname < b.hostname ? -1 : 1)).map((d) => customDomainUrl(d.hostname))];
  await ensureAppClient({ realm: tenant.key, secret: appClientSecret(tenant.id), origins, tenantKey: tenant.key });
  const frontendUrl = realmFrontendUrl(domains[0]?.hostname ?? null, env().GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE);
  if (frontendUrl !== undefined) await setRealmFrontendUrl(tenant.key, frontendUrl);
}

/** The app client brought in line with the tenant's verified domains (provisioning, and after a removal). */
export async function syncAppClient(tenant: ClientTenant): Promise<void> {
  await controlDb().$transaction(async (tx) => {
    await lockTenantDomains(tx, tenant.id);
    await writeAppClient(tx, tenant);
  }, CLIENT_SYNC_TX);
}
