import { requireDatabaseUrl } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { migrate } from "@/lib/db/migrate";
import { tenantDb, tenantOwnerDatabaseUrl } from "@/lib/db/tenant-clients";
import { appRole } from "@/lib/db/app-role";
import { ensureDatabase } from "@/lib/db/create-database";
import type { StepContext } from "@/lib/provisioning/steps";

/** CREATE DATABASE on the tenant's cluster, unless it already exists. */
export async function createTenantDatabase({ tenant, log }: StepContext): Promise<void> {
  const created = await ensureDatabase(tenant.databaseUrl ?? requireDatabaseUrl(), tenant.databaseName);
  if (!created) log.info("tenant database already exists");
}

/**
 * Applies the tenant migrations (as the owner; the app's role gets its grants) and stamps the
 * database with its tenant. A database that already belongs to another tenant is refused rather
 * than shared.
 */
export async function migrateTenantDatabase({ tenant }: StepContext): Promise<void> {
  await migrate("tenant", tenantOwnerDatabaseUrl(tenant));
  const db = tenantDb(tenant);
  const owners = await db.tenantMeta.findMany({ select: { tenantId: true } });
  const foreign = owners.find((o) => o.tenantId !== tenant.id);
  if (foreign) throw new Error(`Database ${tenant.databaseName} belongs to tenant ${foreign.tenantId}; refusing to use it for ${tenant.key}`);
  if (owners.length === 0) await db.tenantMeta.create({ data: { tenantId: tenant.id, tenantKey: tenant.key } });
  const latest = await db.$queryRaw<{ name: string }[]>`SELECT name FROM pgmigrations ORDER BY run_on DESC, id DESC LIMIT 1`;
  await controlDb().tenant.update({ where: { id: tenant.id }, data: { schemaVersion: latest[0]?.name ?? null, appRole: appRole() } });
}
