import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { closeListener } from "@/lib/db/notify";
import { createCustomer } from "@/lib/customers/service";
import { resolveHost, resolveRequest } from "@/lib/tenancy/resolve";
import { hostCache, invalidateTenant } from "@/lib/tenancy/tenant-cache";
import { routeFor } from "@/lib/tenancy/routing";
import { businessCustomer, TEST_ACTOR, uniqueKey } from "@/tests/support/fixtures";

let tenantId: string;
const key = uniqueKey("res");

beforeAll(async () => {
  ({ tenantId } = await createCustomer(businessCustomer({ tenantKey: key, tenantDisplayName: "Resolver Co" }), TEST_ACTOR));
});

afterAll(async () => {
  await closeListener();
  await controlDb().$disconnect();
});

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

describe("host → tenant resolution", () => {
  it("maps console and cloud hosts to the bootstrap tenants", async () => {
    const console = await resolveHost("console.localhost:3000");
    const cloud = await resolveHost("CLOUD.localhost.");
    expect(console).toMatchObject({ found: true, via: "console", tenant: { kind: "root" } });
    expect(cloud).toMatchObject({ found: true, via: "cloud", tenant: { kind: "shared_cloud" } });
  });

  it("maps <key>.<base> to that tenant, whatever the case, port or trailing dot", async () => {
    for (const host of [`${key}.localhost:3000`, `${key.toUpperCase()}.LOCALHOST`, `${key}.localhost.`]) {
      expect(await resolveHost(host)).toMatchObject({ found: true, via: "subdomain", tenant: { id: tenantId, displayName: "Resolver Co" } });
    }
  });

  it("does not serve the bootstrap tenants on their keys, nor unknown or malformed hosts", async () => {
    for (const host of ["root.localhost", "nobody-here.localhost", "localhost:3000", "127.0.0.1:3000", "a.b.localhost", "", "evil.com/x"]) {
      expect(await resolveHost(host)).toMatchObject({ found: false });
    }
    expect(await resolveHost(null)).toMatchObject({ found: false });
  });

  it("routes a custom domain only once verified, and stops at once when it is removed", async () => {
    const hostname = `login.${key}.example`;
    await controlDb().tenantDomain.create({ data: { hostname, tenantId } });
    expect(await resolveHost(hostname)).toMatchObject({ found: false });

    await controlDb().tenantDomain.update({ where: { hostname }, data: { verifiedAt: new Date() } });
    await invalidateTenant(tenantId);
    expect(await resolveHost(`${hostname.toUpperCase()}:443`)).toMatchObject({ found: true, via: "custom", tenant: { id: tenantId } });

    await controlDb().tenantDomain.delete({ where: { hostname } });
    await invalidateTenant(tenantId);
    expect(await resolveHost(hostname)).toMatchObject({ found: false });
  });

  it("caches lookups (bounded) and forgets a tenant when it changes", async () => {
    await resolveHost(`${key}.localhost`);
    expect(hostCache().has(`key:${key}`)).toBe(true);
    expect(hostCache().max).toBeGreaterThan(0);
    await controlDb().tenant.update({ where: { id: tenantId }, data: { status: "suspended" } });
    await invalidateTenant(tenantId);
    expect(await resolveHost(`${key}.localhost`)).toMatchObject({ found: true, tenant: { status: "suspended" } });
    await controlDb().tenant.update({ where: { id: tenantId }, data: { status: "provisioning" } });
    await invalidateTenant(tenantId);
  });

  it("ignores X-Forwarded-Host unless configured to trust it", async () => {
    const resolution = await resolveRequest(headers({ host: "nobody-here.localhost", "x-forwarded-host": "console.localhost" }));
    expect(resolution).toMatchObject({ found: false });
  });
});

describe("proxy routing", () => {
  const tenant = { id: "t", key: "acme", displayName: "Acme", kind: "dedicated", status: "active", databaseName: "d", databaseUrl: null } as const;

  it("sends each host kind to its own route tree", () => {
    expect(routeFor({ found: true, via: "console", tenant: { ...tenant, kind: "root" } }, "/customers")).toBe("/console/customers");
    expect(routeFor({ found: true, via: "subdomain", tenant }, "/")).toBe("/workspace");
    expect(routeFor({ found: true, via: "subdomain", tenant }, "/console/customers")).toBe("/workspace/console/customers");
    expect(routeFor({ found: true, via: "subdomain", tenant: { ...tenant, status: "suspended" } }, "/")).toBe("/workspace-unavailable");
    expect(routeFor({ found: false, host: "x", reason: "unknown" }, "/console")).toBe("/unknown-workspace");
    // Refused by the access rules: pages go to the status page, the API keeps its JSON answers.
    expect(routeFor({ found: true, via: "subdomain", tenant }, "/users", true)).toBe("/workspace-unavailable");
    expect(routeFor({ found: true, via: "subdomain", tenant }, "/api/v1/tenants/acme/users", true)).toBe("/workspace/api/v1/tenants/acme/users");
    expect(routeFor({ found: true, via: "subdomain", tenant }, "/unavailable")).toBe("/workspace-unavailable");
  });
});
