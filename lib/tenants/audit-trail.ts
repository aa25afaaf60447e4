import { z } from "zod";
import { getTenant } from "@/lib/tenants/queries";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/**
 * The tenant whose own trail a console page shows, or why there is none: an unknown id is null;
 * the console's own tenant keeps its events in the platform trail; a tenant whose database does
 * not exist yet (never migrated) has no trail yet.
 */
export async function tenantWithTrail(id: string): Promise<{ tenant: ResolvedTenant; hasTrail: boolean } | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const tenant = await getTenant(id);
  if (!tenant) return null;
  return { tenant, hasTrail: tenant.kind !== "root" && tenant.schemaVersion !== null };
}
