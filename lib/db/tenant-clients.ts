import { LRUCache } from "lru-cache";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/tenant/client";
import { env, requireDatabaseUrl } from "@/lib/config/env";
import { processSingleton } from "@/lib/db/global-singleton";
import { databaseUrl } from "@/lib/db/urls";
import { appDatabaseUrl, asAppRole } from "@/lib/db/app-role";
import { logger } from "@/lib/log/logger";

export type TenantDb = PrismaClient;

/** What is needed to reach a tenant's database: its own cluster URL, or a name on the default cluster. */
export interface TenantDatabaseRef {
  id: string;
  databaseName: string;
  databaseUrl: string | null;
}

/** The app's login on a tenant's database (lib/db/app-role.ts): what its queries use. */
export function tenantDatabaseUrl(ref: TenantDatabaseRef): string {
  return databaseUrl(ref.databaseUrl ? asAppRole(ref.databaseUrl) : appDatabaseUrl(), ref.databaseName);
}

/** The owner's login on a tenant's database: for its migrations and grants. */
export function tenantOwnerDatabaseUrl(ref: TenantDatabaseRef): string {
  return databaseUrl(ref.databaseUrl ?? requireDatabaseUrl(), ref.databaseName);
}

function createCache(): LRUCache<string, TenantDb> {
  const { GATEHOUSE_TENANT_CLIENT_CACHE_MAX, GATEHOUSE_TENANT_CLIENT_IDLE_MS } = env();
  return new LRUCache<string, TenantDb>({
    max: GATEHOUSE_TENANT_CLIENT_CACHE_MAX,
    ttl: GATEHOUSE_TENANT_CLIENT_IDLE_MS,
    updateAgeOnGet: true,
    ttlAutopurge: true,
    dispose: (client, tenantId) => {
      client.$disconnect().catch((error: unknown) => logger().warn({ err: error, tenantId }, "closing tenant database client failed"));
    },
  });
}

const cache = () => processSingleton("tenant-db-clients", createCache);

/**
 * A client for one tenant's database, cached per tenant id (and URL, so a moved database gets a
 * new pool). The cache is bounded and evicts idle clients, so thousands of tenants do not hold
 * thousands of pools open.
 */
export function tenantDb(ref: TenantDatabaseRef): TenantDb {
  const url = tenantDatabaseUrl(ref);
  const cacheKey = `${ref.id}|${url}`;
  const clients = cache();
  let client = clients.get(cacheKey);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 3, idleTimeoutMillis: 30_000 }) });
    clients.set(cacheKey, client);
  }
  return client;
}

export function tenantClientCacheSize(): number {
  return cache().size;
}

/** Drops every cached client of one tenant (after its database moved or was dropped). */
export function forgetTenantDb(tenantId: string): void {
  const clients = cache();
  for (const key of [...clients.keys()]) if (key.startsWith(`${tenantId}|`)) clients.delete(key);
}

export async function closeTenantDbs(): Promise<void> {
  cache().clear();
}
