import { env, publicBase } from "@/lib/config/env";
import { controlDb } from "@/lib/db/control";
import { parseHost, pickHostHeader } from "@/lib/tenancy/host";
import { cachedLookup } from "@/lib/tenancy/tenant-cache";
import type { Resolution, ResolvedTenant } from "@/lib/tenancy/types";

const tenantFields = {
  id: true,
  key: true,
  displayName: true,
  kind: true,
  status: true,
  databaseName: true,
  databaseUrl: true,
} as const;

function byKey(key: string): Promise<ResolvedTenant | null> {
  return cachedLookup(`key:${key}`, () => controlDb().tenant.findUnique({ where: { key }, select: tenantFields }));
}

/** A tenant by its key (cached like host lookups), whatever its kind; for the console's per-tenant API. */
export function tenantByKey(key: string): Promise<ResolvedTenant | null> {
  return byKey(key);
}

/** A tenant by its id (cached like host lookups), whatever its kind; for the console's tenant pages. */
export function tenantById(id: string): Promise<ResolvedTenant | null> {
  return cachedLookup(`id:${id}`, () => controlDb().tenant.findUnique({ where: { id }, select: tenantFields }));
}

function byKind(kind: "root" | "shared_cloud"): Promise<ResolvedTenant | null> {
  return cachedLookup(`kind:${kind}`, () => controlDb().tenant.findFirst({ where: { kind }, select: tenantFields }));
}

// One round trip on the hot path (a relation select would take two): only verified domains route.
function byCustomDomain(hostname: string): Promise<ResolvedTenant | null> {
  return cachedLookup(`domain:${hostname}`, async () => {
    const [tenant] = await controlDb().$queryRaw<ResolvedTenant[]>`
      SELECT t.id, t.key, t.display_name AS "displayName", t.kind::text AS kind, t.status::text AS status,
             t.database_name AS "databaseName", t.database_url AS "databaseUrl"
      FROM tenant_domains d JOIN tenants t ON t.id = d.tenant_id
      WHERE d.hostname = ${hostname} AND d.verified_at IS NOT NULL`;
    return tenant ?? null;
  });
}

let cachedBase: { url: string; domain: string } | undefined;
function baseDomain(): string {
  const url = env().GATEHOUSE_BASE_URL;
  if (cachedBase?.url !== url) cachedBase = { url, domain: publicBase().baseDomain };
  return cachedBase.domain;
}

/** Host header value → tenant. Reserved subdomains resolve only to the console and cloud tenants. */
export async function resolveHost(rawHost: string | null): Promise<Resolution> {
  const target = parseHost(rawHost, baseDomain());
  const host = rawHost ?? null;
  let tenant: ResolvedTenant | null;
  let via: "console" | "cloud" | "subdomain" | "custom";
  switch (target.kind) {
    case "invalid":
      return { found: false, host, reason: target.reason };
    case "console":
      [tenant, via] = [await byKind("root"), "console"];
      break;
    case "cloud":
      [tenant, via] = [await byKind("shared_cloud"), "cloud"];
      break;
    case "tenant":
      [tenant, via] = [await byKey(target.key), "subdomain"];
      // The bootstrap tenants answer only on their own hosts.
      if (tenant && tenant.kind !== "dedicated") tenant = null;
      break;
    case "custom":
      [tenant, via] = [await byCustomDomain(target.hostname), "custom"];
      break;
  }
  return tenant ? { found: true, via, tenant } : { found: false, host, reason: "unknown" };
}

export function resolveRequest(headers: { get(name: string): string | null }): Promise<Resolution> {
  return resolveHost(pickHostHeader(headers, env().GATEHOUSE_TRUST_FORWARDED_HOST));
}
