import { env } from "@/lib/config/env";
import type { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { withRealmWrites } from "@/lib/db/session-lock";
import { ensureAppClient } from "@/lib/identity/clients";
import { setRealmFrontendUrl } from "@/lib/identity/realms";
import { realmFrontendUrl } from "@/lib/domains/frontend-url";
import { PRIMARY_DOMAIN_ORDER } from "@/lib/domains/link-origin";
import { appClientSecret } from "@/lib/secrets/client-secret";
import { customDomainUrl, tenantUrl } from "@/lib/tenants/urls";
import type { TenantKind } from "@/lib/db/generated/control/enums";

type Tx = Prisma.TransactionClient;
export interface ClientTenant {
  id: string;
  key: string;
  kind: TenantKind;
}

// Advisory-lock namespace for "the domain rows of tenant X are being changed" (first key of the two-int form).
const LOCK_NAMESPACE = 0x646f_6d6e; // "domn"

/**
 * Serialises changes to the tenant's domain rows inside one short transaction (e.g. counting them
 * before adding one). It is never held across an identity call: the app client's rewrites are
 * serialised by `withRealmWrites` (lib/db/session-lock.ts) instead.
 */
export async function lockTenantDomains(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${tenantId}))`;
}

/** The verified custom domains as committed now, primary first; `extra` counts as verified too. */
async function verifiedHostnames(tenantId: string, extra?: string): Promise<string[]> {
  const rows = await controlDb().tenantDomain.findMany({
    where: { tenantId, OR: [{ verifiedAt: { not: null } }, ...(extra ? [{ hostname: extra }] : [])] },
    select: { hostname: true },
    orderBy: [...PRIMARY_DOMAIN_ORDER],
  });
  return rows.map((r) => r.hostname);
}

/**
 * Writes the realm's `gatehouse` client with redirect and post-logout URIs for the tenant's own
 * host and each verified custom domain (read now, after the lock was taken, so the last rewrite
 * always sees every committed change) and — when a public URL template is configured — the
 * realm's `frontendUrl` for its primary verified domain. `including` is a domain being verified:
 * the client accepts it before the domain is marked verified. Call it inside `withRealmWrites`,
 * never inside a transaction.
 */
export async function writeAppClient(tenant: ClientTenant, including?: string): Promise<void> {
  const hostnames = await verifiedHostnames(tenant.id, including);
  const origins = [tenantUrl(tenant), ...[...hostnames].sort().map((h) => customDomainUrl(h))];
  await ensureAppClient({ realm: tenant.key, secret: appClientSecret(tenant.id), origins, tenantKey: tenant.key });
  const frontendUrl = realmFrontendUrl(hostnames[0] ?? null, env().GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE);
  if (frontendUrl !== undefined) await setRealmFrontendUrl(tenant.key, frontendUrl);
}

/** The app client brought in line with the tenant's verified domains (provisioning, and after a removal). */
export async function syncAppClient(tenant: ClientTenant): Promise<void> {
  await withRealmWrites(tenant.id, () => writeAppClient(tenant));
}
