import type { ResolvedTenant } from "@/lib/tenancy/types";

export const TENANT_HEADERS = { id: "x-gatehouse-tenant-id", key: "x-gatehouse-tenant-key", path: "x-gatehouse-path" } as const;

export interface RequestFacts {
  /** The host the tenant was resolved from. */
  host: string | null;
  /** Path and query the client asked for, before the proxy's rewrite. */
  path: string;
}

/**
 * A copy of `incoming` without client-sent gatehouse headers, plus the resolved tenant's and the
 * original path. `x-forwarded-host` is set to the host the tenant was resolved from, so code that
 * builds absolute URLs from it (next-auth) cannot be steered to another host by the client.
 */
export function withTenantHeaders(incoming: Headers, tenant: Pick<ResolvedTenant, "id" | "key"> | null, facts: RequestFacts): Headers {
  const headers = new Headers(incoming);
  for (const name of [...headers.keys()]) if (name.startsWith("x-gatehouse-")) headers.delete(name);
  if (facts.host) headers.set("x-forwarded-host", facts.host);
  else headers.delete("x-forwarded-host");
  headers.set(TENANT_HEADERS.path, facts.path);
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
