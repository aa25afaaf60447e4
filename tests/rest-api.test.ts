import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Permission, type Principal } from "@/lib/permissions/permissions";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { createOrgUnit } from "@/lib/org-units/service";
import { findUserByUsername, realmRolesOf } from "@/lib/identity/users";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, randomPan, TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie, type Json } from "@/tests/support/api";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";
import * as orgUnits from "@/app/workspace/api/v1/tenants/[key]/org-units/route";
import * as orgUnit from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/route";
import * as members from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/route";
import * as member from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/[username]/route";
import * as consoleUsers from "@/app/console/api/v1/tenants/[key]/users/route";
import * as apiKeys from "@/app/workspace/api/v1/tenants/[key]/api-keys/route";
import * as apiKey from "@/app/workspace/api/v1/tenants/[key]/api-keys/[id]/route";
import * as consoleApiKeys from "@/app/console/api/v1/tenants/[key]/api-keys/route";
import * as customers from "@/app/console/api/v1/customers/route";
import * as customer from "@/app/console/api/v1/customers/[id]/route";
import * as tenants from "@/app/console/api/v1/tenants/route";
import * as tenantRoute from "@/app/console/api/v1/tenants/[key]/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let root: ResolvedTenant;
let acmeKey: string;
let acmeKeyPrefix: string;
let readOnlyKey: string;
let globexKey: string;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;
const CONSOLE = "console.localhost:3000";
const base = (t: ResolvedTenant) => `/api/v1/tenants/${t.key}`;

async function keyFor(tenant: ResolvedTenant, scopes: readonly (Permission | "scim")[]) {
  return createApiKey(tenant, admin, createApiKeySchema.parse({ name: `test ${scopes.length}`, scopes }), TEST_ACTOR);
}

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  root = await rootTenant();
  const full = await keyFor(acme, PERMISSIONS);
  [acmeKey, acmeKeyPrefix] = [full.secret, full.key.prefix];
  readOnlyKey = (await keyFor(acme, ["user:list", "user:read", "ou:list", "ou:read", "membership:read"])).secret;
  globexKey = (await keyFor(globex, PERMISSIONS)).secret;
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("REST API with an API key", () => {
  it("runs the user → org unit → membership flow, auditing each change as the key", async () => {
    const h = hostOf(acme);
    const created = await call(users.POST, {
      host: h,
      path: `${base(acme)}/users`,
      method: "POST",
      key: acmeKey,
      params: { key: acme.key },
      body: { username: "API.User", email: "api.user@example.com", firstName: "Api" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: "api.user", email: "api.user@example.com", enabled: true, provisioningState: "synced", oneTimePassword: expect.any(String) });
    expect(created.body).not.toHaveProperty("identityId");

    const listed = await call(users.GET, { host: h, path: `${base(acme)}/users?q=api.&limit=10`, key: acmeKey, params: { key: acme.key } });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ items: [{ username: "api.user" }], next: null });

    const fetched = await call(user.GET, { host: h, path: `${base(acme)}/users/api.user`, key: acmeKey, params: { key: acme.key, username: "api.user" } });
    expect(fetched).toMatchObject({ status: 200, body: { username: "api.user", firstName: "Api", syncError: null } });

    const patched = await call(user.PATCH, {
      host: h,
      path: `${base(acme)}/users/api.user`,
      method: "PATCH",
      key: acmeKey,
      params: { key: acme.key, username: "api.user" },
      body: { lastName: "Rao" },
    });
    expect(patched).toMatchObject({ status: 200, body: { email: "api.user@example.com", firstName: "Api", lastName: "Rao" } });

    const ou = await call(orgUnits.POST, {
      host: h,
      path: `${base(acme)}/org-units`,
      method: "POST",
      key: acmeKey,
      params: { key: acme.key },
      body: { identifier: "finance", name: "Finance", metadata: { region: "west" } },
    });
    expect(ou).toMatchObject({ status: 201, body: { identifier: "finance", name: "Finance", metadata: { region: "west" }, memberCount: 0 } });
    const ouId = String(ou.body.id);
    const ouParams = { key: acme.key, id: ouId };

    expect(await call(orgUnits.GET, { host: h, path: `${base(acme)}/org-units?q=fin`, key: acmeKey, params: { key: acme.key } })).toMatchObject({
      status: 200,
      body: { items: [{ id: ouId }], total: 1, page: 1 },
    });
    expect(await call(orgUnit.GET, { host: h, path: `${base(acme)}/org-units/${ouId}`, key: acmeKey, params: ouParams })).toMatchObject({ status: 200, body: { id: ouId } });
    expect(
      await call(orgUnit.PATCH, { host: h, path: `${base(acme)}/org-units/${ouId}`, method: "PATCH", key: acmeKey, params: ouParams, body: { name: "Finance & Accounts" } }),
    ).toMatchObject({ status: 200, body: { name: "Finance & Accounts", metadata: { region: "west" } } });

    const added = await call(members.POST, {
      host: h,
      path: `${base(acme)}/org-units/${ouId}/members`,
      method: "POST",
      key: acmeKey,
      params: ouParams,
      body: { username: "api.user", role: "auditor" },
    });
    expect(added).toMatchObject({ status: 201, body: { orgUnitId: ouId, identifier: "finance", username: "api.user", role: "auditor" } });
    expect(await call(members.GET, { host: h, path: `${base(acme)}/org-units/${ouId}/members`, key: acmeKey, params: ouParams })).toMatchObject({
      status: 200,
      body: { items: [{ username: "api.user", role: "auditor" }], total: 1 },
    });
    expect(
      await call(member.PATCH, {
        host: h,
        path: `${base(acme)}/org-units/${ouId}/members/api.user`,
        method: "PATCH",
        key: acmeKey,
        params: { ...ouParams, username: "api.user" },
        body: { role: "admin" },
      }),
    ).toMatchObject({ status: 200, body: { role: "admin" } });

    const disabled = await call(user.PATCH, {
      host: h,
      path: `${base(acme)}/users/api.user`,
      method: "PATCH",
      key: acmeKey,
      params: { key: acme.key, username: "api.user" },
      body: { enabled: false },
    });
    expect(disabled).toMatchObject({ status: 200, body: { enabled: false, lastName: "Rao" } });
    expect((await findUserByUsername(acme.key, "api.user"))?.enabled).toBe(false);

    // An org unit with members cannot go.
    expect(await call(orgUnit.DELETE, { host: h, path: `${base(acme)}/org-units/${ouId}`, method: "DELETE", key: acmeKey, params: ouParams })).toMatchObject({
      status: 409,
      body: { code: "conflict" },
    });
    expect(
      (
        await call(member.DELETE, {
          host: h,
          path: `${base(acme)}/org-units/${ouId}/members/api.user`,
          method: "DELETE",
          key: acmeKey,
          params: { ...ouParams, username: "api.user" },
        })
      ).status,
    ).toBe(204);
    expect((await call(orgUnit.DELETE, { host: h, path: `${base(acme)}/org-units/${ouId}`, method: "DELETE", key: acmeKey, params: ouParams })).status).toBe(204);
    expect(
      (await call(user.DELETE, { host: h, path: `${base(acme)}/users/api.user`, method: "DELETE", key: acmeKey, params: { key: acme.key, username: "api.user" } })).status,
    ).toBe(204);
    expect(await call(user.GET, { host: h, path: `${base(acme)}/users/api.user`, key: acmeKey, params: { key: acme.key, username: "api.user" } })).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });

    const trail = await tenantDb(acme).auditEvent.findMany({ where: { actor: `${acme.key}/apikey:${acmeKeyPrefix}` }, orderBy: { id: "asc" } });
    expect(trail.map((e) => e.action)).toEqual([
      "user.created",
      "user.updated",
      "org_unit.created",
      "org_unit.updated",
      "membership.added",
      "membership.role_changed",
      "user.disabled",
      "membership.removed",
      "org_unit.deleted",
      "user.deleted",
    ]);
  });

  it("refuses bad input with validation_failed and the fields at fault, writing nothing", async () => {
    const h = hostOf(acme);
    const p = { key: acme.key };
    const bad = await call(users.POST, { host: h, path: `${base(acme)}/users`, method: "POST", key: acmeKey, params: p, body: { username: "-bad", email: "nope" } });
    expect(bad).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { username: expect.any(String), email: expect.any(String) } } });
    expect(await tenantDb(acme).user.count({ where: { username: "-bad" } })).toBe(0);

    for (const query of ["limit=1000", "limit=0", "enabled=maybe", "state=lost", `after=${"x".repeat(64)}`]) {
      const r = await call(users.GET, { host: h, path: `${base(acme)}/users?${query}`, key: acmeKey, params: p });
      expect(r, query).toMatchObject({ status: 400, body: { code: "validation_failed" } });
    }
    expect(await call(orgUnits.GET, { host: h, path: `${base(acme)}/org-units?pageSize=7`, key: acmeKey, params: p })).toMatchObject({
      status: 400,
      body: { fields: { pageSize: expect.any(String) } },
    });

    const ou = await call(orgUnits.POST, {
      host: h,
      path: `${base(acme)}/org-units`,
      method: "POST",
      key: acmeKey,
      params: p,
      body: { identifier: "Bad Id", name: "", metadata: { "1x": "y" } },
    });
    expect(ou).toMatchObject({ status: 400, body: { fields: { identifier: expect.any(String), name: expect.any(String), metadata: expect.any(String) } } });

    const notJson = await call(users.POST, {
      host: h,
      path: `${base(acme)}/users`,
      method: "POST",
      key: acmeKey,
      params: p,
      rawBody: "{oops",
      headers: { "content-type": "application/json" },
    });
    expect(notJson).toMatchObject({ status: 400, body: { code: "validation_failed", message: "The body is not valid JSON." } });
    const form = await call(users.POST, {
      host: h,
      path: `${base(acme)}/users`,
      method: "POST",
      key: acmeKey,
      params: p,
      rawBody: "username=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form).toMatchObject({ status: 400, body: { code: "validation_failed" } });
    expect(await call(users.POST, { host: h, path: `${base(acme)}/users`, method: "POST", key: acmeKey, params: p })).toMatchObject({
      status: 400,
      body: { message: "Send a JSON body." },
    });
  });

  it("refuses an oversize body with 413, whether declared or streamed", async () => {
    const h = hostOf(acme);
    const big = { username: "big", firstName: "x".repeat(70 * 1024) };
    const declared = await call(users.POST, {
      host: h,
      path: `${base(acme)}/users`,
      method: "POST",
      key: acmeKey,
      params: { key: acme.key },
      body: big,
      headers: { "content-length": String(JSON.stringify(big).length) },
    });
    expect(declared).toMatchObject({ status: 413, body: { code: "validation_failed" } });
    const chunk = new TextEncoder().encode(`{"username":"big","firstName":"${"x".repeat(8 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controllerStream) {
        if (sent++ < 20) controllerStream.enqueue(chunk);
        else controllerStream.close();
      },
    });
    const streamed = await call(users.POST, {
      host: h,
      path: `${base(acme)}/users`,
      method: "POST",
      key: acmeKey,
      params: { key: acme.key },
      rawBody: stream,
      headers: { "content-type": "application/json" },
    });
    expect(streamed).toMatchObject({ status: 413, body: { code: "validation_failed" } });
    expect(sent).toBeLessThan(20);
    expect(await tenantDb(acme).user.count({ where: { username: "big" } })).toBe(0);
  });

  it("answers duplicates with conflict, also when two requests race", async () => {
    const h = hostOf(acme);
    const p = { key: acme.key };
    const create = () => call(orgUnits.POST, { host: h, path: `${base(acme)}/org-units`, method: "POST", key: acmeKey, params: p, body: { identifier: "dup-ou", name: "Dup" } });
    const raced = await Promise.all([create(), create()]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(raced.find((r) => r.status === 409)?.body).toMatchObject({ code: "conflict", fields: { identifier: expect.any(String) } });
    const first = await call(users.POST, { host: h, path: `${base(acme)}/users`, method: "POST", key: acmeKey, params: p, body: { username: "dup-user" } });
    expect(first.status).toBe(201);
    expect(await call(users.POST, { host: h, path: `${base(acme)}/users`, method: "POST", key: acmeKey, params: p, body: { username: "dup-user" } })).toMatchObject({
      status: 409,
      body: { code: "conflict", fields: { username: expect.any(String) } },
    });
    expect(await tenantDb(acme).orgUnit.count({ where: { identifier: "dup-ou" } })).toBe(1);
  });

  it("does not find another tenant's objects", async () => {
    const h = hostOf(acme);
    const foreign = await createOrgUnit(globex, { identifier: "globex-only", name: "Globex only" }, TEST_ACTOR);
    await tenantDb(globex).user.create({ data: { username: "globex-user", provisioningState: "synced" } });
    const ouParams = { key: acme.key, id: foreign.id };
    expect(await call(orgUnit.GET, { host: h, path: `${base(acme)}/org-units/${foreign.id}`, key: acmeKey, params: ouParams })).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
    expect(
      await call(orgUnit.PATCH, { host: h, path: `${base(acme)}/org-units/${foreign.id}`, method: "PATCH", key: acmeKey, params: ouParams, body: { name: "Hijacked" } }),
    ).toMatchObject({ status: 404 });
    expect(await call(orgUnit.DELETE, { host: h, path: `${base(acme)}/org-units/${foreign.id}`, method: "DELETE", key: acmeKey, params: ouParams })).toMatchObject({ status: 404 });
    expect(await call(members.GET, { host: h, path: `${base(acme)}/org-units/${foreign.id}/members`, key: acmeKey, params: ouParams })).toMatchObject({ status: 404 });
    expect(
      await call(members.POST, {
        host: h,
        path: `${base(acme)}/org-units/${foreign.id}/members`,
        method: "POST",
        key: acmeKey,
        params: ouParams,
        body: { username: "globex-user", role: "admin" },
      }),
    ).toMatchObject({ status: 404 });
    expect(await call(user.GET, { host: h, path: `${base(acme)}/users/globex-user`, key: acmeKey, params: { key: acme.key, username: "globex-user" } })).toMatchObject({
      status: 404,
    });
    expect(
      await call(user.DELETE, { host: h, path: `${base(acme)}/users/globex-user`, method: "DELETE", key: acmeKey, params: { key: acme.key, username: "globex-user" } }),
    ).toMatchObject({ status: 404 });
    expect(await call(orgUnit.GET, { host: h, path: `${base(acme)}/org-units/not-a-uuid`, key: acmeKey, params: { key: acme.key, id: "not-a-uuid" } })).toMatchObject({
      status: 404,
    });
    expect((await tenantDb(globex).orgUnit.findUniqueOrThrow({ where: { id: foreign.id } })).name).toBe("Globex only");
    expect(await tenantDb(globex).user.count({ where: { username: "globex-user" } })).toBe(1);
  });

  it("refuses a key of tenant A on tenant B, by host and by path, and changes nothing", async () => {
    const body = { username: "intruder" };
    // A's key on B's host: not a key of B.
    const byHost = await call(users.POST, { host: hostOf(globex), path: `${base(globex)}/users`, method: "POST", key: acmeKey, params: { key: globex.key }, body });
    expect(byHost).toMatchObject({ status: 401, body: { code: "unauthorized" } });
    expect(await call(users.GET, { host: hostOf(globex), path: `${base(globex)}/users`, key: acmeKey, params: { key: globex.key } })).toMatchObject({ status: 401 });
    // A's key on A's host, naming B in the path.
    const byPath = await call(users.POST, { host: hostOf(acme), path: `${base(globex)}/users`, method: "POST", key: acmeKey, params: { key: globex.key }, body });
    expect(byPath).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await call(users.GET, { host: hostOf(acme), path: `${base(globex)}/users`, key: acmeKey, params: { key: globex.key } })).toMatchObject({ status: 403 });
    // B's key does work on B.
    expect((await call(users.GET, { host: hostOf(globex), path: `${base(globex)}/users`, key: globexKey, params: { key: globex.key } })).status).toBe(200);
    expect(await tenantDb(globex).user.count({ where: { username: "intruder" } })).toBe(0);
    expect(await tenantDb(acme).user.count({ where: { username: "intruder" } })).toBe(0);
  });

  it("is unauthorized without a valid key, and forbidden beyond the key's scopes", async () => {
    const h = hostOf(acme);
    const p = { key: acme.key };
    const path = `${base(acme)}/users`;
    expect(await call(users.GET, { host: h, path, params: p })).toMatchObject({ status: 401, body: { code: "unauthorized" } });
    expect(await call(users.GET, { host: h, path, params: p, headers: { authorization: "Basic YWRtaW46YWRtaW4=" } })).toMatchObject({ status: 401 });
    expect(await call(users.GET, { host: h, path, params: p, key: "ghk_nope" })).toMatchObject({ status: 401 });
    const revoked = await keyFor(acme, ["user:list"]);
    await revokeApiKey(acme, revoked.key.id, TEST_ACTOR);
    expect(await call(users.GET, { host: h, path, params: p, key: revoked.secret })).toMatchObject({ status: 401, body: { message: "The API key has been revoked." } });

    expect((await call(users.GET, { host: h, path, params: p, key: readOnlyKey })).status).toBe(200);
    expect(await call(users.POST, { host: h, path, method: "POST", params: p, key: readOnlyKey, body: { username: "not-allowed" } })).toMatchObject({
      status: 403,
      body: { code: "forbidden" },
    });
    expect(
      await call(user.PATCH, { host: h, path: `${path}/breakglass`, method: "PATCH", params: { ...p, username: "breakglass" }, key: readOnlyKey, body: { enabled: false } }),
    ).toMatchObject({ status: 403 });
    expect(await tenantDb(acme).user.count({ where: { username: "not-allowed" } })).toBe(0);
    expect((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "breakglass" } })).enabled).toBe(true);
    // The break-glass admin is never deleted, whatever the key may do.
    expect(await call(user.DELETE, { host: h, path: `${path}/breakglass`, method: "DELETE", params: { ...p, username: "breakglass" }, key: acmeKey })).toMatchObject({
      status: 403,
    });
  });

  it("changes a user's role: tenant database and realm in step, audited, never beyond the caller's own permissions", async () => {
    const h = hostOf(acme);
    const p = { key: acme.key, username: "role.user" };
    const path = `${base(acme)}/users/role.user`;
    const created = await call(users.POST, {
      host: h,
      path: `${base(acme)}/users`,
      method: "POST",
      key: acmeKey,
      params: { key: acme.key },
      body: { username: "role.user", passwordMode: "none" },
    });
    expect(created).toMatchObject({ status: 201, body: { tenantRole: "member" } });
    const identity = (await findUserByUsername(acme.key, "role.user"))!;

    expect(await call(user.PATCH, { host: h, path, method: "PATCH", key: acmeKey, params: p, body: { tenantRole: "auditor" } })).toMatchObject({
      status: 200,
      body: { tenantRole: "auditor", provisioningState: "synced" },
    });
    const realmRoles = await realmRolesOf(acme.key, identity.id);
    expect(realmRoles).toContain("auditor");
    expect(realmRoles).not.toContain("member");
    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "user.role_changed", resourceId: "role.user" } });
    expect(event).toMatchObject({ before: { tenantRole: "member" }, after: { tenantRole: "auditor" } });

    // The new role counts from the user's next request, whatever their session says.
    const session = await sessionCookie(acme, "role.user", ["member"]);
    expect((await call(users.GET, { host: h, path: `${base(acme)}/users`, cookie: session, params: { key: acme.key } })).status).toBe(200);

    // A key with user:update alone may neither give nor take roles with permissions it lacks.
    const updateOnly = (await keyFor(acme, ["user:update", "user:read"])).secret;
    for (const tenantRole of ["tenant-admin", "member"]) {
      expect(await call(user.PATCH, { host: h, path, method: "PATCH", key: updateOnly, params: p, body: { tenantRole } })).toMatchObject({
        status: 403,
        body: { code: "forbidden" },
      });
    }
    expect(await call(user.PATCH, { host: h, path, method: "PATCH", key: readOnlyKey, params: p, body: { tenantRole: "member" } })).toMatchObject({ status: 403 });
    expect((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "role.user" } })).tenantRole).toBe("auditor");

    expect(await call(user.PATCH, { host: h, path, method: "PATCH", key: acmeKey, params: p, body: { tenantRole: "owner" } })).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { tenantRole: expect.any(String) } },
    });

    // The break-glass admin stays a tenant admin.
    const breakGlass = { key: acme.key, username: "breakglass" };
    expect(
      await call(user.PATCH, { host: h, path: `${base(acme)}/users/breakglass`, method: "PATCH", key: acmeKey, params: breakGlass, body: { tenantRole: "member" } }),
    ).toMatchObject({ status: 403 });
    const admin = await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "breakglass" } });
    expect(admin.tenantRole).toBe("tenant-admin");
    expect(await realmRolesOf(acme.key, admin.identityId!)).toContain("tenant-admin");
    await expect(tenantDb(acme).user.update({ where: { username: "breakglass" }, data: { tenantRole: "member" } })).rejects.toThrow();

    // Back to member, a role with less: the user's sessions end at once (they sign in again as a member).
    expect(await call(user.PATCH, { host: h, path, method: "PATCH", key: acmeKey, params: p, body: { tenantRole: "member" } })).toMatchObject({
      status: 200,
      body: { tenantRole: "member" },
    });
    expect((await call(users.GET, { host: h, path: `${base(acme)}/users`, cookie: session, params: { key: acme.key } })).status).toBe(401);
    const asMember = await sessionCookie(acme, "role.user", ["member"]);
    expect((await call(users.GET, { host: h, path: `${base(acme)}/users`, cookie: asMember, params: { key: acme.key } })).status).toBe(403);
  });

  it("refuses a request whose proxy tenant header disagrees with its Host", async () => {
    const r = await call(users.GET, { host: hostOf(acme), path: `${base(acme)}/users`, key: acmeKey, params: { key: acme.key }, headers: { "x-gatehouse-tenant-id": globex.id } });
    expect(r).toMatchObject({ status: 404, body: { code: "not_found" } });
  });
});

describe("API keys over REST", () => {
  it("creates a key whose secret is shown once, lists it without secrets, uses it, and revokes it at once", async () => {
    const h = hostOf(acme);
    const p = { key: acme.key };
    const path = `${base(acme)}/api-keys`;
    const created = await call(apiKeys.POST, {
      host: h,
      path,
      method: "POST",
      key: acmeKey,
      params: p,
      body: { name: "CI reader", scopes: ["user:list"], expiresAt: "2099-12-31" },
    });
    expect(created).toMatchObject({ status: 201, body: { name: "CI reader", scopes: ["user:list"], status: "active", secret: expect.stringMatching(/^ghk_[a-z2-7]{10}_/) } });
    expect(created.body).not.toHaveProperty("hash");
    const secret = String(created.body.secret);
    const id = String(created.body.id);

    const listed = await call(apiKeys.GET, { host: h, path, key: acmeKey, params: p });
    expect(listed.status).toBe(200);
    const item = (listed.body.items as Json[]).find((k) => k.id === id);
    expect(item).toMatchObject({ name: "CI reader", prefix: String(created.body.prefix), status: "active" });
    expect(item).not.toHaveProperty("secret");
    expect(item).not.toHaveProperty("hash");

    // The key acts within its scopes only, and cannot mint keys.
    expect((await call(users.GET, { host: h, path: `${base(acme)}/users`, key: secret, params: p })).status).toBe(200);
    expect((await call(users.POST, { host: h, path: `${base(acme)}/users`, method: "POST", key: secret, params: p, body: { username: "by-reader" } })).status).toBe(403);
    expect((await call(apiKeys.POST, { host: h, path, method: "POST", key: secret, params: p, body: { name: "child", scopes: ["user:list"] } })).status).toBe(403);

    const revoked = await call(apiKey.DELETE, { host: h, path: `${path}/${id}`, method: "DELETE", key: acmeKey, params: { ...p, id } });
    expect(revoked).toMatchObject({ status: 200, body: { id, status: "revoked" } });
    expect(await call(users.GET, { host: h, path: `${base(acme)}/users`, key: secret, params: p })).toMatchObject({
      status: 401,
      body: { message: "The API key has been revoked." },
    });
    expect(await call(apiKey.DELETE, { host: h, path: `${path}/${id}`, method: "DELETE", key: acmeKey, params: { ...p, id } })).toMatchObject({
      status: 409,
      body: { code: "conflict" },
    });
    expect(await tenantDb(acme).auditEvent.count({ where: { resourceId: id, action: { in: ["api_key.created", "api_key.revoked"] } } })).toBe(2);
  });

  it("never mints a key beyond the caller's scopes, validates the body, and writes nothing then", async () => {
    const h = hostOf(acme);
    const p = { key: acme.key };
    const path = `${base(acme)}/api-keys`;
    const before = await tenantDb(acme).apiKey.count();
    const minter = (await keyFor(acme, ["apikey:create", "user:list"])).secret;
    expect(await call(apiKeys.POST, { host: h, path, method: "POST", key: minter, params: p, body: { name: "wider", scopes: ["user:delete"] } })).toMatchObject({
      status: 403,
      body: { fields: { scopes: expect.stringContaining("user:delete") } },
    });
    expect(await call(apiKeys.POST, { host: h, path, method: "POST", key: acmeKey, params: p, body: { name: " ", scopes: [], expiresAt: "2001-01-01" } })).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { name: expect.any(String), scopes: expect.any(String), expiresAt: expect.any(String) } },
    });
    expect(await tenantDb(acme).apiKey.count()).toBe(before + 1);
    // Another tenant's key ids are not found here; nor are malformed ones.
    const foreign = await keyFor(globex, ["user:list"]);
    for (const id of [foreign.key.id, "not-a-uuid"]) {
      expect(await call(apiKey.DELETE, { host: h, path: `${path}/${id}`, method: "DELETE", key: acmeKey, params: { ...p, id } })).toMatchObject({ status: 404 });
    }
    expect((await tenantDb(globex).apiKey.findUniqueOrThrow({ where: { id: foreign.key.id } })).revokedAt).toBeNull();
    // A key of tenant A cannot name tenant B in the path.
    expect(await call(apiKeys.GET, { host: h, path: `${base(globex)}/api-keys`, key: acmeKey, params: { key: globex.key } })).toMatchObject({ status: 403 });
  });

  it("lets a superadmin on the console create a key for a tenant", async () => {
    const superadmin = await sessionCookie(root, "superadmin", ["superadmin"]);
    const created = await call(consoleApiKeys.POST, {
      host: CONSOLE,
      path: `${base(acme)}/api-keys`,
      method: "POST",
      cookie: superadmin,
      params: { key: acme.key },
      body: { name: "From the console", scopes: ["user:list"] },
    });
    expect(created).toMatchObject({ status: 201, body: { createdBy: "root/superadmin" } });
    expect((await call(users.GET, { host: hostOf(acme), path: `${base(acme)}/users`, key: String(created.body.secret), params: { key: acme.key } })).status).toBe(200);
  });
});

describe("REST API with a session", () => {
  it("accepts the workspace's own session with its permissions, and refuses it elsewhere", async () => {
    const adminCookie = await sessionCookie(acme, "breakglass", ["tenant-admin"]);
    expect((await call(users.GET, { host: hostOf(acme), path: `${base(acme)}/users`, cookie: adminCookie, params: { key: acme.key } })).status).toBe(200);
    // The cookie does not decrypt on another tenant's host.
    expect(await call(users.GET, { host: hostOf(globex), path: `${base(globex)}/users`, cookie: adminCookie, params: { key: globex.key } })).toMatchObject({ status: 401 });
    const member = await sessionCookie(acme, "someone", ["member"]);
    expect(await call(users.GET, { host: hostOf(acme), path: `${base(acme)}/users`, cookie: member, params: { key: acme.key } })).toMatchObject({ status: 403 });
    // A change with the cookie must come from a page of this host.
    const crossSite = await call(orgUnits.POST, {
      host: hostOf(acme),
      path: `${base(acme)}/org-units`,
      method: "POST",
      cookie: adminCookie,
      params: { key: acme.key },
      body: { identifier: "csrf", name: "CSRF" },
      headers: { origin: `http://${hostOf(globex)}` },
    });
    expect(crossSite).toMatchObject({ status: 403 });
    expect(await tenantDb(acme).orgUnit.count({ where: { identifier: "csrf" } })).toBe(0);
    const sameSite = await call(orgUnits.POST, {
      host: hostOf(acme),
      path: `${base(acme)}/org-units`,
      method: "POST",
      cookie: adminCookie,
      params: { key: acme.key },
      body: { identifier: "same-origin", name: "Same" },
      headers: { origin: `http://${hostOf(acme)}` },
    });
    expect(sameSite.status).toBe(201);
  });

  it("refuses a disabled user's session at once", async () => {
    await tenantDb(acme).user.create({ data: { username: "gone-admin", enabled: false, provisioningState: "synced" } });
    const cookie = await sessionCookie(acme, "gone-admin", ["tenant-admin"]);
    expect(await call(users.GET, { host: hostOf(acme), path: `${base(acme)}/users`, cookie, params: { key: acme.key } })).toMatchObject({ status: 401 });
  });

  it("lets a superadmin on the console act on any tenant, and read customers and tenants", async () => {
    const superadmin = await sessionCookie(root, "superadmin", ["superadmin"]);
    const onAcme = await call(consoleUsers.GET, { host: CONSOLE, path: `${base(acme)}/users`, cookie: superadmin, params: { key: acme.key } });
    expect(onAcme.status).toBe(200);
    const createdOnGlobex = await call(consoleUsers.POST, {
      host: CONSOLE,
      path: `${base(globex)}/users`,
      method: "POST",
      cookie: superadmin,
      params: { key: globex.key },
      body: { username: "from-console" },
    });
    expect(createdOnGlobex.status).toBe(201);
    expect((await tenantDb(globex).auditEvent.findFirstOrThrow({ where: { resourceId: "from-console" } })).actor).toBe(`${root.key}/superadmin`);
    expect(await call(consoleUsers.GET, { host: CONSOLE, path: "/api/v1/tenants/nope-nope/users", cookie: superadmin, params: { key: "nope-nope" } })).toMatchObject({
      status: 404,
    });
    expect(await call(consoleUsers.GET, { host: CONSOLE, path: `/api/v1/tenants/${root.key}/users`, cookie: superadmin, params: { key: root.key } })).toMatchObject({
      status: 404,
    });

    const list = await call(tenants.GET, { host: CONSOLE, path: `/api/v1/tenants?q=${acme.key}`, cookie: superadmin });
    expect(list).toMatchObject({ status: 200, body: { items: [{ key: acme.key, status: "active" }], total: 1 } });
    const one = await call(tenantRoute.GET, { host: CONSOLE, path: `/api/v1/tenants/${acme.key}`, cookie: superadmin, params: { key: acme.key } });
    expect(one).toMatchObject({ status: 200, body: { key: acme.key, steps: expect.any(Array), domains: [] } });
    expect(one.body).not.toHaveProperty("databaseUrl");
    expect(one.body).not.toHaveProperty("databaseName");

    const onboarded = await call(customers.POST, {
      host: CONSOLE,
      path: "/api/v1/customers",
      method: "POST",
      cookie: superadmin,
      body: { ...businessCustomer(), tenancy: "shared" },
    });
    expect(onboarded).toMatchObject({ status: 201, body: { tenancy: "shared", city: "Pune", sharedTenant: { key: "cloud" } } });
    const id = String(onboarded.body.id);
    expect(await call(customers.GET, { host: CONSOLE, path: "/api/v1/customers?pageSize=10", cookie: superadmin })).toMatchObject({ status: 200, body: { pageSize: 10 } });
    expect(await call(customer.GET, { host: CONSOLE, path: `/api/v1/customers/${id}`, cookie: superadmin, params: { id } })).toMatchObject({ status: 200, body: { id } });
    expect(
      await call(customer.PATCH, {
        host: CONSOLE,
        path: `/api/v1/customers/${id}`,
        method: "PATCH",
        cookie: superadmin,
        params: { id },
        body: { city: "Mumbai", paymentStanding: "grace" },
      }),
    ).toMatchObject({ status: 200, body: { city: "Mumbai", paymentStanding: "grace", legalName: "Acme Widgets Private Limited" } });
    // The merged record must still pass the onboarding rules: another PAN no longer matches the GSTIN.
    expect(
      await call(customer.PATCH, { host: CONSOLE, path: `/api/v1/customers/${id}`, method: "PATCH", cookie: superadmin, params: { id }, body: { pan: randomPan() } }),
    ).toMatchObject({ status: 400, body: { fields: { gstin: expect.any(String) } } });
    expect(await call(customer.GET, { host: CONSOLE, path: "/api/v1/customers/x", cookie: superadmin, params: { id: "x" } })).toMatchObject({ status: 404 });
    const dup = businessCustomer({ tenantKey: acme.key });
    expect(await call(customers.POST, { host: CONSOLE, path: "/api/v1/customers", method: "POST", cookie: superadmin, body: dup })).toMatchObject({
      status: 409,
      body: { fields: { tenantKey: expect.any(String) } },
    });
  });

  it("keeps the platform API to superadmin sessions on the console", async () => {
    const notSuper = await sessionCookie(root, "operator", ["viewer"]);
    expect(await call(tenants.GET, { host: CONSOLE, path: "/api/v1/tenants", cookie: notSuper })).toMatchObject({ status: 403 });
    expect(await call(tenants.GET, { host: CONSOLE, path: "/api/v1/tenants" })).toMatchObject({ status: 401 });
    expect(await call(tenants.GET, { host: CONSOLE, path: "/api/v1/tenants", key: acmeKey })).toMatchObject({ status: 401 });
    expect(await call(consoleUsers.GET, { host: CONSOLE, path: `${base(acme)}/users`, key: acmeKey, params: { key: acme.key } })).toMatchObject({ status: 401 });
    const acmeAdmin = await sessionCookie(acme, "breakglass", ["tenant-admin", "superadmin"]);
    expect(await call(tenants.GET, { host: hostOf(acme), path: "/api/v1/tenants", cookie: acmeAdmin })).toMatchObject({ status: 404 });
  });
});
