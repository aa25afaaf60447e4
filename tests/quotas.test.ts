// Per-tenant quotas against the real tenant databases: the edge, concurrent creations (never over
// quota), overrides (validated, audited), the REST API's `quota_exceeded` and the platform API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import pg from "pg";
import { tenantDatabaseUrl, tenantDb } from "@/lib/db/tenant-clients";
import { env } from "@/lib/config/env";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { createTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import { createOrgUnit } from "@/lib/org-units/service";
import { addMembership } from "@/lib/memberships/service";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { defaultQuotas, setQuotaOverrides } from "@/lib/quotas/limits";
import { quotaUsage } from "@/lib/quotas/enforce";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie } from "@/tests/support/api";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as quotasRoute from "@/app/console/api/v1/tenants/[key]/quotas/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let other: ResolvedTenant;
const admin = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} } as const;
const noOverrides = { users: null, orgUnits: null, memberships: null, apiKeys: null };

beforeAll(async () => {
  [acme, other] = [await provisionedTenant(controller), await provisionedTenant(controller)];
}, 60_000);

afterAll(() => closeTestResources(controller));

const userInput = (username: string) => createUserSchema.parse({ username, passwordMode: "none" });
const ou = (identifier: string) => ({ identifier, name: identifier });

describe("quota defaults and overrides", () => {
  it("default to the configuration", () => {
    expect(defaultQuotas()).toEqual({
      users: env().GATEHOUSE_QUOTA_USERS,
      orgUnits: env().GATEHOUSE_QUOTA_ORG_UNITS,
      memberships: env().GATEHOUSE_QUOTA_MEMBERSHIPS,
      apiKeys: env().GATEHOUSE_QUOTA_API_KEYS,
    });
  });

  it("refuses invalid overrides field by field and writes nothing", async () => {
    await expect(setQuotaOverrides(acme.id, { users: "-1", orgUnits: "ten", memberships: "2.5", apiKeys: "" }, TEST_ACTOR)).rejects.toMatchObject({
      code: "validation_failed",
      fields: { users: expect.any(String), orgUnits: expect.any(String), memberships: expect.any(String) },
    });
    expect(await controlDb().tenantQuotas.findUnique({ where: { tenantId: acme.id } })).toBeNull();
    expect(await controlDb().platformAuditEvent.count({ where: { resourceId: acme.id, action: "tenant.quotas_changed" } })).toBe(0);
  });

  it("saves overrides (empty = default), audited with before and after, and shows them in the usage", async () => {
    await setQuotaOverrides(acme.id, { users: "3", orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    const event = await controlDb().platformAuditEvent.findFirstOrThrow({ where: { resourceId: acme.id, action: "tenant.quotas_changed" } });
    expect(event).toMatchObject({ actor: "test", before: noOverrides, after: { ...noOverrides, users: 3 } });
    const usage = await quotaUsage(acme);
    expect(usage.find((u) => u.resource === "users")).toMatchObject({ limit: 3, overridden: true });
    expect(usage.find((u) => u.resource === "orgUnits")).toMatchObject({ limit: defaultQuotas().orgUnits, overridden: false });
    // The other tenant keeps the defaults.
    expect((await quotaUsage(other)).find((u) => u.resource === "users")).toMatchObject({ limit: defaultQuotas().users, overridden: false });
  });
});

describe("enforcement", () => {
  it("users: allowed up to the edge, refused at it with quota_exceeded (also over REST), nothing written", async () => {
    // The break-glass admin already counts as one user.
    const present = await tenantDb(acme).user.count();
    await setQuotaOverrides(acme.id, { users: String(present + 1), orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    await createTenantUser(acme, userInput("edge.one"), TEST_PRINCIPAL, TEST_ACTOR);
    await expect(createTenantUser(acme, userInput("edge.two"), TEST_PRINCIPAL, TEST_ACTOR)).rejects.toMatchObject({
      code: "quota_exceeded",
      message: expect.stringContaining(`limit of ${present + 1}`),
    });
    expect(await tenantDb(acme).user.findUnique({ where: { username: "edge.two" } })).toBeNull();

    const key = (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "users", scopes: ["user:create"] }), TEST_ACTOR)).secret;
    const refused = await call(users.POST, {
      host: `${acme.key}.localhost:3000`,
      path: `/api/v1/tenants/${acme.key}/users`,
      method: "POST",
      key,
      params: { key: acme.key },
      body: { username: "rest.user" },
    });
    expect(refused).toMatchObject({ status: 429, body: { code: "quota_exceeded" } });
    expect(await tenantDb(acme).user.count()).toBe(present + 1);
  });

  it("users: a quota lowered while creations wait for the quota lock holds for them too (429, never over, no 500)", async () => {
    const db = tenantDb(acme);
    const present = await db.user.count();
    await setQuotaOverrides(acme.id, { users: String(present + 10), orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    const key = (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "queued", scopes: ["user:create", "user:read"] }), TEST_ACTOR)).secret;
    // Another creation holds the users' quota lock (on a connection of its own, outside the app's
    // pool of three) while three requests queue behind it.
    const holder = new pg.Client({ connectionString: tenantDatabaseUrl(acme) });
    await holder.connect();
    const waiting = async () =>
      Number(
        (
          await holder.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rows[0]?.n ?? 0,
      );
    const create = (username: string) =>
      call(users.POST, {
        host: `${acme.key}.localhost:3000`,
        path: `/api/v1/tenants/${acme.key}/users`,
        method: "POST",
        key,
        params: { key: acme.key },
        body: { username, passwordMode: "none" },
      });
    let requests: ReturnType<typeof create>[] = [];
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT pg_advisory_xact_lock(hashtext('gatehouse.quota'), hashtext('users'))`);
      requests = ["queued.a", "queued.b", "queued.c"].map(create);
      for (let i = 0; i < 100 && (await waiting()) < 3; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(3);
      // The platform lowers the quota to what is used now, while they wait.
      await setQuotaOverrides(acme.id, { users: String(present), orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    } finally {
      await holder.query("COMMIT");
      await holder.end();
    }
    const responses = await Promise.all(requests);
    for (const response of responses) expect(response, JSON.stringify(response.body)).toMatchObject({ status: 429, body: { code: "quota_exceeded" } });
    expect(await db.user.count()).toBe(present);
  });

  it("users: eight parallel REST creates against a lowered quota create exactly what fits, the rest 429, none 500", async () => {
    const db = tenantDb(acme);
    const present = await db.user.count();
    await setQuotaOverrides(acme.id, { users: String(present + 100), orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    const key = (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "parallel", scopes: ["user:create", "user:read"] }), TEST_ACTOR)).secret;
    await setQuotaOverrides(acme.id, { users: String(present + 2), orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(users.POST, {
          host: `${acme.key}.localhost:3000`,
          path: `/api/v1/tenants/${acme.key}/users`,
          method: "POST",
          key,
          params: { key: acme.key },
          body: { username: `parallel.${i}`, passwordMode: "none" },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 429, 429, 429, 429, 429, 429]);
    expect(await db.user.count()).toBe(present + 2);
  });

  it("org units: 12 concurrent creations against a quota of 5 create exactly 5", async () => {
    await setQuotaOverrides(other.id, { users: "", orgUnits: "5", memberships: "", apiKeys: "" }, TEST_ACTOR);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => createOrgUnit(other, ou(`race-${i}`), TEST_ACTOR)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "quota_exceeded" });
    expect(await tenantDb(other).orgUnit.count()).toBe(5);
  });

  it("memberships: concurrent additions never exceed the quota; raising the override lets more in", async () => {
    const unit = await createOrgUnit(acme, ou("members-race"), TEST_ACTOR);
    const db = tenantDb(acme);
    await setQuotaOverrides(acme.id, { users: "100", orgUnits: "", memberships: "3", apiKeys: "" }, TEST_ACTOR);
    const names = Array.from({ length: 8 }, (_, i) => `member.${i}`);
    for (const name of names) await db.user.create({ data: { username: name, provisioningState: "synced" } });
    const results = await Promise.allSettled(names.map((username) => addMembership(acme, unit.id, { username, role: "default" }, TEST_PRINCIPAL, TEST_ACTOR)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "quota_exceeded" });
    expect(await db.membership.count()).toBe(3);

    await setQuotaOverrides(acme.id, { users: "100", orgUnits: "", memberships: "4", apiKeys: "" }, TEST_ACTOR);
    const pending = names.filter((_, i) => results[i]?.status === "rejected");
    await addMembership(acme, unit.id, { username: pending[0]!, role: "default" }, TEST_PRINCIPAL, TEST_ACTOR);
    await expect(addMembership(acme, unit.id, { username: pending[1]!, role: "default" }, TEST_PRINCIPAL, TEST_ACTOR)).rejects.toMatchObject({ code: "quota_exceeded" });
  });

  it("API keys: the per-tenant override applies", async () => {
    const before = (await quotaUsage(other)).find((u) => u.resource === "apiKeys")!.used;
    await setQuotaOverrides(other.id, { users: "", orgUnits: "5", memberships: "", apiKeys: String(before + 1) }, TEST_ACTOR);
    const make = () => createApiKey(other, admin, createApiKeySchema.parse({ name: "k", scopes: ["user:list"] }), TEST_ACTOR);
    await make();
    await expect(make()).rejects.toMatchObject({ code: "quota_exceeded" });
  });
});

describe("usage counters", () => {
  it("follow inserts and deletes, cascades included, and always equal the rows present", async () => {
    const db = tenantDb(acme);
    const unit = await createOrgUnit(acme, ou("counted"), TEST_ACTOR);
    await db.user.createMany({ data: [{ username: "count.a" }, { username: "count.b" }] });
    await db.membership.createMany({
      data: [
        { username: "count.a", orgUnitId: unit.id, role: "default" },
        { username: "count.b", orgUnitId: unit.id, role: "admin" },
      ],
    });
    await db.user.delete({ where: { username: "count.a" } }); // its membership goes with it
    await db.orgUnit.delete({ where: { id: unit.id } }); // and the other membership with the unit
    const used = Object.fromEntries((await quotaUsage(acme)).map((u) => [u.resource, u.used]));
    expect(used).toMatchObject({ users: await db.user.count(), orgUnits: await db.orgUnit.count(), memberships: await db.membership.count() });
  });
});

describe("the platform API for quotas", () => {
  it("reads and sets quotas for a superadmin only, validating the body", async () => {
    const root = await rootTenant();
    const superadmin = await sessionCookie(root, "superadmin", ["superadmin"]);
    const at = (method: string, cookie: string, body?: unknown) =>
      call(method === "GET" ? quotasRoute.GET : quotasRoute.PUT, {
        host: "console.localhost:3000",
        path: `/api/v1/tenants/${other.key}/quotas`,
        method,
        cookie,
        params: { key: other.key },
        body,
      });

    const read = await at("GET", superadmin);
    expect(read).toMatchObject({ status: 200, body: { limits: { orgUnits: 5 }, overrides: { orgUnits: 5, users: null }, usage: { orgUnits: 5 } } });
    expect(await at("PUT", superadmin, { users: -4, orgUnits: 5, memberships: null, apiKeys: null })).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { users: expect.any(String) } },
    });
    expect(await at("PUT", await sessionCookie(root, "operator", ["viewer"]), { users: 1, orgUnits: 1, memberships: 1, apiKeys: 1 })).toMatchObject({ status: 403 });
    expect((await at("GET", superadmin)).body).toMatchObject({ overrides: { orgUnits: 5, users: null } });

    const set = await at("PUT", superadmin, { users: 50, orgUnits: 6, memberships: null, apiKeys: null });
    expect(set).toMatchObject({ status: 200, body: { limits: { users: 50, orgUnits: 6 }, overrides: { users: 50, orgUnits: 6, memberships: null } } });
    await createOrgUnit(other, ou("after-raise"), TEST_ACTOR);
  });
});
