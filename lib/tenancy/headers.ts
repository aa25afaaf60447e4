import type { ResolvedTenant } from "@/lib/tenancy/types";

export const TENANT_HEADERS = { id: "x-gatehouse-tenant-id", key: "x-gatehouse-tenant-key" } as const;

/** A copy of `incoming` without client-sent tenant headers, plus the resolved tenant's. */
export function withTenantHeaders(incoming: Headers, tenant: Pick<ResolvedTenant, "id" | "key"> | null): Headers {
  const headers = new Headers(incoming);
  for (const name of [...headers.keys()]) if (name.startsWith("x-gatehouse-")) headers.delete(name);
  if (tenant) {
    headers.set(TENANT_HEADERS.id, tenant.id);
    headers.set(TENANT_HEADERS.key, tenant.key);
  }
  return headers;
}

/**
 * Whether the proxy's tenant header agrees with the tenant resolved from the Host header here.
 * A missing header is fine (the proxy does not run for every internal request); a different one
 * means the request was forged or mis-routed.
 */
export function headerAgrees(headers: { get(name: string): string | null }, tenant: ResolvedTenant | null): boolean {
  const claimed = headers.get(TENANT_HEADERS.id);
  return claimed === null || claimed === (tenant?.id ?? "");
}
