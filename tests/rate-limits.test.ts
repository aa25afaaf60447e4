// Rate limits on the REST and SCIM APIs (lib/rate-limits): per client address, per API key or
// user, per tenant; counted in PostgreSQL so they hold across app processes; 429 with
// Retry-After and the RateLimit headers; audited when they trip.
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";

vi.hoisted(() => {
  process.env.GATEHOUSE_RATE_LIMIT_PER_CALLER = "5";
  process.env.GATEHOUSE_RATE_LIMIT_PER_TENANT = "8";
  process.env.GATEHOUSE_RATE_LIMIT_PER_ADDRESS = "12";
});

import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as scimUsers from "@/app/workspace/scim/v2/Users/route";
import * as rateLimitsRoute from "@/app/console/api/v1/tenants/[key]/rate-limits/route";
import { call, sessionCookie } from "@/tests/support/api";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { PERMISSIONS } from "@/lib/permissions/permissions";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { forgetTenantRateOverrides } from "@/lib/rate-limits/policies";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
}, 120_000);
afterAll(() => closeTestResources(controller));

const keyFor = async (tenant: ResolvedTenant, scopes: readonly string[] = PERMISSIONS) =>
  (await createApiKey(tenant, TEST_PRINCIPAL, createApiKeySchema.parse({ name: `rl ${Math.random()}`, scopes }), TEST_ACTOR)).secret;

function listUsers(tenant: ResolvedTenant, key: string, from?: string): Promise<Response> {
  const host = `${tenant.key}.localhost:3000`;
  const headers: Record<string, string> = { host, authorization: `Bearer ${key}`, ...(from ? { "x-forwarded-for": from } : {}) };
  return users.GET(new Request(`http://${host}/api/v1/tenants/${tenant.key}/users`, { headers }), { params: Promise.resolve({ key: tenant.key }) });
}

describe("rate limits", () => {
  it("answers 429 with Retry-After and RateLimit headers once a key used its share, and audits the first refusal", async () => {
    const key = await keyFor(acme);
    for (let i = 0; i < 5; i++) {
      const ok = await listUsers(acme, key);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("ratelimit-policy")).toMatch(/^"(caller|tenant)";q=\d+;w=60$/);
    }
    const refused = await listUsers(acme, key);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "rate_limited", message: expect.stringContaining("caller limit") });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit")).toMatch(/^"caller";r=0;t=\d+$/);
    expect((await listUsers(acme, key)).status).toBe(429);
    const trips = await tenantDb(acme).auditEvent.findMany({ where: { action: "rate_limit.exceeded" } });
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ after: { policy: "caller", limit: 5 } });
  });

  it("gives another key of the tenant its own share, up to the tenant's, and leaves other tenants alone", async () => {
    const other = await keyFor(acme);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await listUsers(acme, other)).status);
    // The first key's 7 counted requests plus these: the tenant's 8 are used up after the first.
    expect(statuses).toEqual([200, 429, 429]);
    expect((await listUsers(globex, await keyFor(globex))).status).toBe(200);
  });

  it("takes a tenant's own limits over the platform's", async () => {
    await controlDb().tenantRateLimits.create({ data: { tenantId: globex.id, requestsPerMinutePerCaller: 2, requestsPerMinute: 100 } });
    forgetTenantRateOverrides(globex.id);
    const key = await keyFor(globex);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await listUsers(globex, key)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("limits one client address across keys and tenants, before looking at credentials", async () => {
    await controlDb().tenantRateLimits.upsert({
      where: { tenantId: globex.id },
      create: { tenantId: globex.id, requestsPerMinutePerCaller: 1000, requestsPerMinute: 1000 },
      update: { requestsPerMinutePerCaller: 1000, requestsPerMinute: 1000 },
    });
    forgetTenantRateOverrides(globex.id);
    const key = await keyFor(globex);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await listUsers(globex, i % 2 ? key : "ghk_wrong", "198.51.100.7")).status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const refused = await listUsers(globex, key, "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "rate_limited", message: expect.stringContaining("address limit") });
    expect((await listUsers(globex, key, "198.51.100.8")).status).toBe(200);
    // Counted in the control plane's table, which every app process shares.
    expect(await controlDb().rateLimit.findUnique({ where: { key: "address:198.51.100.7" } })).toMatchObject({ points: 13 });
  });

  it("answers SCIM in SCIM's error format", async () => {
    const key = await keyFor(globex, ["scim"]);
    await controlDb().tenantRateLimits.update({ where: { tenantId: globex.id }, data: { requestsPerMinutePerCaller: 1 } });
    forgetTenantRateOverrides(globex.id);
    const host = `${globex.key}.localhost:3000`;
    const get = () => scimUsers.GET(new Request(`http://${host}/scim/v2/Users`, { headers: { host, authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
    expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "429" });
  });

  it("lets a superadmin set a tenant's limits over the platform API: validated, audited, in force at once in this process", async () => {
    const root = await rootTenant();
    // The console's own limits are raised for this test: the control plane's counts of the console
    // tenant and of "superadmin" are shared with the other files running meanwhile (hence also a superadmin of its own).
    await controlDb().tenantRateLimits.upsert({
      where: { tenantId: root.id },
      create: { tenantId: root.id, requestsPerMinutePerCaller: 1000, requestsPerMinute: 1000 },
      update: {},
    });
    forgetTenantRateOverrides(root.id);
    onTestFinished(async () => {
      await controlDb().tenantRateLimits.deleteMany({ where: { tenantId: root.id } });
      forgetTenantRateOverrides(root.id);
    });
    const superadmin = await sessionCookie(root, `rl-superadmin-${Date.now()}`, ["superadmin"]);
    const at = (method: "GET" | "PUT", cookie: string, body?: unknown) =>
      call(method === "GET" ? rateLimitsRoute.GET : rateLimitsRoute.PUT, {
        host: "console.localhost:3000",
        path: `/api/v1/tenants/${acme.key}/rate-limits`,
        method,
        cookie,
        params: { key: acme.key },
        body,
      });

    expect(await at("GET", superadmin)).toMatchObject({
      status: 200,
      body: { limits: { requestsPerMinute: 8, requestsPerMinutePerCaller: 5 }, overrides: { requestsPerMinute: null, requestsPerMinutePerCaller: null } },
    });
    // Wrong types and negative numbers are refused, naming the field; nothing changes.
    expect(await at("PUT", superadmin, { requestsPerMinute: "100", requestsPerMinutePerCaller: -1 })).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { requestsPerMinute: expect.any(String), requestsPerMinutePerCaller: expect.any(String) } },
    });
    expect(await at("PUT", await sessionCookie(root, `rl-viewer-${Date.now()}`, ["viewer"]), { requestsPerMinute: 0, requestsPerMinutePerCaller: 0 })).toMatchObject({
      status: 403,
    });
    expect(await controlDb().tenantRateLimits.findUnique({ where: { tenantId: acme.id } })).toBeNull();

    // Acme used up its tenant-wide 8 earlier; its own 100 a minute, 3 per caller, count from now.
    expect(await at("PUT", superadmin, { requestsPerMinute: 100, requestsPerMinutePerCaller: 3 })).toMatchObject({
      status: 200,
      body: { limits: { requestsPerMinute: 100, requestsPerMinutePerCaller: 3 } },
    });
    const key = await keyFor(acme);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await listUsers(acme, key)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const event = await controlDb().platformAuditEvent.findFirst({ where: { action: "tenant.rate_limits_changed", tenantId: acme.id } });
    expect(event).toMatchObject({ before: { requestsPerMinute: null, requestsPerMinutePerCaller: null }, after: { requestsPerMinute: 100, requestsPerMinutePerCaller: 3 } });
  });
});
