import { urlForHost } from "@/lib/config/env";
import type { TenantKind } from "@/lib/db/generated/control/enums";

/** Where people reach a tenant: the console, the cloud host, or the tenant's own subdomain. */
export function tenantUrl(tenant: { key: string; kind: TenantKind }): string {
  if (tenant.kind === "root") return urlForHost("console");
  if (tenant.kind === "shared_cloud") return urlForHost("cloud");
  return urlForHost(tenant.key);
}
