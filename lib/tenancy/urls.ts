import { publicBase, urlForHost } from "@/lib/config/env";
import type { TenantKind } from "@/lib/db/generated/control/enums";

/** Where people reach a tenant: the console, the cloud host, or the tenant's own subdomain. */
export function tenantUrl(tenant: { key: string; kind: TenantKind }): string {
  if (tenant.kind === "root") return urlForHost("console");
  if (tenant.kind === "shared_cloud") return urlForHost("cloud");
  return urlForHost(tenant.key);
}

/** Where people reach a tenant on one of its custom domains: the platform's scheme and port, that hostname. */
export function customDomainUrl(hostname: string): string {
  const { protocol, port } = publicBase();
  return `${protocol}//${hostname}${port ? `:${port}` : ""}`;
}
