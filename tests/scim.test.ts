import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Permission, type Principal } from "@/lib/permissions/permissions";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { findUserByUsername } from "@/lib/identity/users";
import { getUser } from "@/lib/users/queries";
import { getOrgUnit } from "@/lib/org-units/service";
import { listOrgUnitMembers } from "@/lib/memberships/service";
import { createTenantUser } from "@/lib/users/commands";
import { changeTenantLifecycle } from "@/lib/tenants/lifecycle";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { sessionCookie, type Json } from "@/tests/support/api";
import { passwordAccepted } from "@/tests/support/identity-login";
import { ERROR_SCHEMA, filtered, GROUP_SCHEMA, LIST_SCHEMA, PATCH_OP, scimClient, USER_SCHEMA, type ScimCaller } from "@/tests/support/scim";
import * as usersRoute from "@/app/workspace/scim/v2/Users/route";

// SCIM 2.0 driven through the real route handlers, against the tenant's real database and the
// embedded identity server, with the request sequences of Okta's SCIM 2.0 spec/CRUD suites
// (Runscope) and Microsoft Entra ID's documented provisioning requests; results are checked through
// the services the console uses.

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let scimKey: string;
let scimKeyPrefix: string;
let globexScimKey: string;
let noScimKey: string;
let scim: ScimCaller;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };

async function keyFor(tenant: ResolvedTenant, scopes: readonly (Permission | "scim")[], name = "scim test") {
  return createApiKey(tenant, admin, createApiKeySchema.parse({ name, scopes }), TEST_ACTOR);
}

const resources = (body: Json) => body.Resources as Json[];

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  const key = await keyFor(acme, ["scim"]);
  [scimKey, scimKeyPrefix] = [key.secret, key.key.prefix];
  globexScimKey = (await keyFor(globex, ["scim"])).secret;
  noScimKey = (await keyFor(acme, PERMISSIONS, "no scim")).secret;
  scim = scimClient(acme, scimKey);
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("Okta SCIM 2.0 spec and CRUD sequence", () => {
  const userName = "jordan.rivera@example.com";
  let id: string;

  it("lists, refuses unknown ids, creates, finds case-insensitively and refuses a duplicate", async () => {
    // Required Test: Test Users endpoint (the break-glass admin is there from provisioning).
    const first = await scim("GET", "/scim/v2/Users?count=1&startIndex=1");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ schemas: [LIST_SCHEMA], startIndex: 1, itemsPerPage: 1, totalResults: expect.any(Number) });
    expect(resources(first.body)[0]).toMatchObject({ id: expect.any(String), userName: expect.any(String), active: true });

    // Test invalid User by username / by ID; make sure the random user does not exist.
    expect((await scim("GET", filtered("Users", 'userName eq "nonexistent-user@example.invalid"'))).body).toMatchObject({ totalResults: 0, Resources: [] });
    const missing = await scim("GET", "/scim/v2/Users/00919288221112222");
    expect(missing).toMatchObject({ status: 404, body: { schemas: [ERROR_SCHEMA], status: "404", detail: expect.any(String) } });
    expect((await scim("GET", filtered("Users", `userName eq "${userName}"`))).body).toMatchObject({ totalResults: 0 });

    // Create Okta user with realistic values.
    const body = {
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName: "Jordan", familyName: "Rivera" },
      emails: [{ primary: true, value: "jordan.rivera.primary@example.com", type: "work" }],
      displayName: "Jordan Rivera",
      locale: "en-US",
      externalId: "00u1okta",
      groups: [],
      active: true,
    };
    const created = await scim("POST", "/scim/v2/Users", body);
    expect(created).toMatchObject({
      status: 201,
      body: { schemas: [USER_SCHEMA], userName, active: true, externalId: "00u1okta", name: { givenName: "Jordan", familyName: "Rivera" } },
    });
    id = String(created.body.id);
    expect(created.body.meta).toMatchObject({ resourceType: "User", location: `http://${acme.key}.localhost:3000/scim/v2/Users/${id}` });

    // Verify that user was created — in the console's view and in the identity realm.
    expect(await scim("GET", `/scim/v2/Users/${id}`)).toMatchObject({ status: 200, body: { userName, emails: [{ value: "jordan.rivera.primary@example.com", primary: true }] } });
    expect(await getUser(acme, userName)).toMatchObject({
      id,
      email: "jordan.rivera.primary@example.com",
      firstName: "Jordan",
      enabled: true,
      provisioningState: "synced",
      externalId: "00u1okta",
    });
    expect((await findUserByUsername(acme.key, userName))?.enabled).toBe(true);

    // Expect failure when recreating user with same values.
    const duplicate = await scim("POST", "/scim/v2/Users", { ...body, emails: [{ primary: true, value: userName, type: "work" }] });
    expect(duplicate).toMatchObject({ status: 409, body: { schemas: [ERROR_SCHEMA], scimType: "uniqueness", status: "409" } });

    // Username case sensitivity check: userName is case-insensitive.
    const caps = await scim("GET", filtered("Users", `userName eq "${userName.toUpperCase()}"`));
    expect(caps.body).toMatchObject({ totalResults: 1, Resources: [{ id, userName }] });

    // Optional Test: Verify Groups endpoint.
    expect(await scim("GET", "/scim/v2/Groups")).toMatchObject({ status: 200, body: { schemas: [LIST_SCHEMA], totalResults: 0, Resources: [] } });
  });

  it("replaces the user with PUT, deactivates and reactivates with Okta's path-less PATCH", async () => {
    const current = (await scim("GET", `/scim/v2/Users/${id}`)).body;
    const put = await scim("PUT", `/scim/v2/Users/${id}`, { ...current, name: { ...(current.name as Json), givenName: "Jordanupdate" } });
    expect(put).toMatchObject({ status: 200, body: { name: { givenName: "Jordanupdate", familyName: "Rivera" }, active: true } });
    expect(await getUser(acme, userName)).toMatchObject({ firstName: "Jordanupdate", provisioningState: "synced" });

    const deactivated = await scim("PATCH", `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] });
    expect(deactivated).toMatchObject({ status: 200, body: { active: false } });
    expect((await getUser(acme, userName))?.enabled).toBe(false);
    expect((await findUserByUsername(acme.key, userName))?.enabled).toBe(false);
    expect((await scim("GET", filtered("Users", "active eq false"))).body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

    const reactivated = await scim("PATCH", `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: true } }] });
    expect(reactivated).toMatchObject({ status: 200, body: { active: true } });
    expect((await findUserByUsername(acme.key, userName))?.enabled).toBe(true);
  });

  it("answers 401 in SCIM's format for a token that is not a key", async () => {
    const refused = await scim("GET", filtered("Users", `userName eq "${userName}"`), undefined, { key: "non-token" });
    expect(refused).toMatchObject({ status: 401, body: { schemas: [ERROR_SCHEMA], status: "401", detail: expect.any(String) } });
  });
});

describe("Microsoft Entra ID provisioning requests", () => {
  const userName = "test_user_ab6490ee-1e48-479e-a20b-2d77186b5dd1";
  let userId: string;
  let otherId: string;
  let groupId: string;

  it("creates a user with the enterprise extension, finds it by filter, finds nothing for an unknown one", async () => {
    const created = await scim("POST", "/scim/v2/Users", {
      schemas: [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
      active: true,
      emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com" }],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
    });
    expect(created).toMatchObject({ status: 201, body: { userName, externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef" } });
    userId = String(created.body.id);

    expect((await scim("GET", filtered("Users", 'userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"'))).body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: userId }],
    });
    expect((await scim("GET", filtered("Users", 'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"'))).body).toMatchObject({ totalResults: 1, Resources: [{ id: userId }] });
    expect((await scim("GET", filtered("Users", 'userName eq "non-existent user"'))).body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 0, Resources: [] });
  });

  it("updates multi-valued and single-valued attributes", async () => {
    const patched = await scim("PATCH", `/scim/v2/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
      ],
    });
    expect(patched).toMatchObject({ status: 200, body: { emails: [{ value: "updatedEmail@microsoft.com" }], name: { familyName: "updatedFamilyName", givenName: "givenName" } } });
    expect(await getUser(acme, userName)).toMatchObject({ email: "updatedEmail@microsoft.com", lastName: "updatedFamilyName" });

    const pathless = await scim("PATCH", `/scim/v2/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", value: { "name.givenName": "Ada", externalId: "ext-2" } }],
    });
    expect(pathless).toMatchObject({ status: 200, body: { name: { givenName: "Ada" }, externalId: "ext-2" } });
    expect(await getUser(acme, userName)).toMatchObject({ firstName: "Ada", externalId: "ext-2" });
  });

  it("disables at once with Entra's string boolean: the realm refuses the password and the user shows disabled", async () => {
    const password = "Correct-Horse-42";
    const created = await scim("POST", "/scim/v2/Users", {
      schemas: [USER_SCHEMA],
      userName: "leaver@testuser.com",
      password,
      active: true,
      name: { givenName: "Lee", familyName: "Ver" },
    });
    expect(created.status).toBe(201);
    otherId = String(created.body.id);
    expect(await passwordAccepted(acme.key, "leaver@testuser.com", password)).toBe(true);

    const disabled = await scim("PATCH", `/scim/v2/Users/${otherId}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    expect((await getUser(acme, "leaver@testuser.com"))?.enabled).toBe(false);
    expect(await passwordAccepted(acme.key, "leaver@testuser.com", password)).toBe(false);

    const trail = await tenantDb(acme).auditEvent.findMany({ where: { resourceType: "user", resourceId: "leaver@testuser.com" }, orderBy: { id: "asc" } });
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ["user.created", `${acme.key}/apikey:${scimKeyPrefix}`],
      ["user.disabled", `${acme.key}/apikey:${scimKeyPrefix}`],
    ]);
  });

  it("creates a group, reads it without members, filters by displayName, renames it, adds and removes members", async () => {
    const created = await scim("POST", "/scim/v2/Groups", {
      schemas: [GROUP_SCHEMA, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Engineering – EMEA",
      meta: { resourceType: "Group" },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { schemas: [GROUP_SCHEMA], displayName: "Engineering – EMEA", externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", members: [] },
    });
    groupId = String(created.body.id);
    expect(await getOrgUnit(acme, groupId)).toMatchObject({ identifier: "engineering-emea", name: "Engineering – EMEA", externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159" });

    const duplicate = await scim("POST", "/scim/v2/Groups", { schemas: [GROUP_SCHEMA], displayName: "Engineering – EMEA" });
    expect(duplicate).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });

    const read = await scim("GET", `/scim/v2/Groups/${groupId}?excludedAttributes=members`);
    expect(read).toMatchObject({ status: 200, body: { id: groupId, displayName: "Engineering – EMEA" } });
    expect(read.body).not.toHaveProperty("members");

    const byName = await scim("GET", filtered("Groups", 'displayName eq "engineering – emea"', "&excludedAttributes=members"));
    expect(byName.body).toMatchObject({ totalResults: 1, Resources: [{ id: groupId }] });

    const renamed = await scim("PATCH", `/scim/v2/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "displayName", value: "Engineering" }] });
    expect(renamed).toMatchObject({ status: 200, body: { displayName: "Engineering" } });

    const added = await scim("PATCH", `/scim/v2/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: userId }, { value: otherId }] }],
    });
    expect(added.status).toBe(200);
    expect((added.body.members as Json[]).map((m) => m.value).sort()).toEqual([userId, otherId].sort());
    const members = await listOrgUnitMembers(acme, groupId, { q: "", page: 1, pageSize: 50 });
    expect(members.items.map((m) => [m.username, m.role]).sort()).toEqual([
      ["leaver@testuser.com", "default"],
      [userName, "default"],
    ]);

    // Entra checks one membership with a filter instead of reading the whole group.
    const membership = await scim("GET", filtered("Groups", `id eq "${groupId}" and members[value eq "${userId}"]`, "&excludedAttributes=members"));
    expect(membership.body).toMatchObject({ totalResults: 1 });

    const removed = await scim("PATCH", `/scim/v2/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: otherId }] }],
    });
    expect(removed).toMatchObject({ status: 200, body: { members: [{ value: userId, display: userName }] } });
    const okta = await scim("PATCH", `/scim/v2/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${userId}"]` }] });
    expect(okta).toMatchObject({ status: 200, body: { members: [] } });
    expect((await scim("GET", filtered("Groups", `id eq "${groupId}" and members[value eq "${userId}"]`))).body).toMatchObject({ totalResults: 0 });

    const unknownMember = await scim("PATCH", `/scim/v2/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "add", path: "members", value: [{ value: "00000000-0000-4000-8000-000000000000" }] }],
    });
    expect(unknownMember).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
  });

  it("replaces a group's members with PUT and deletes the group and the users", async () => {
    const put = await scim("PUT", `/scim/v2/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: "Engineering",
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      members: [{ value: otherId }],
    });
    expect(put).toMatchObject({ status: 200, body: { members: [{ value: otherId }] } });

    expect((await scim("DELETE", `/scim/v2/Groups/${groupId}`)).status).toBe(204);
    expect(await scim("GET", `/scim/v2/Groups/${groupId}`)).toMatchObject({ status: 404, body: { schemas: [ERROR_SCHEMA] } });
    for (const id of [userId, otherId]) expect((await scim("DELETE", `/scim/v2/Users/${id}`)).status).toBe(204);
    expect(await getUser(acme, userName)).toBeNull();
    expect(await findUserByUsername(acme.key, userName)).toBeNull();
  });
});

describe("filters and pagination", () => {
  beforeAll(async () => {
    for (const [username, firstName] of [
      ["filter.anna", "Anna"],
      ["filter.bob", "Bob"],
      ["filter.carl", "Carl"],
      ["other.dana", "Dana"],
    ] as const) {
      await createTenantUser(
        acme,
        { username, email: `${username}@corp.example`, firstName, lastName: "Tester", tenantRole: "member", passwordMode: "none" },
        TEST_PRINCIPAL,
        TEST_ACTOR,
      );
    }
  }, 60_000);

  const ids = async (filter: string, extra = "") => {
    const response = await scim("GET", filtered("Users", filter, extra));
    expect(response.status).toBe(200);
    return resources(response.body).map((r) => r.userName);
  };

  it("supports eq, sw, co, ew, pr, and, or, not on the documented attributes", async () => {
    expect(await ids('userName sw "filter."')).toEqual(["filter.anna", "filter.bob", "filter.carl"]);
    expect(await ids('emails.value co "bob@CORP"')).toEqual(["filter.bob"]);
    expect(await ids('emails[type eq "work" and value ew ".carl@corp.example"]')).toEqual(["filter.carl"]);
    expect(await ids('name.givenName eq "anna" or name.givenName eq "DANA"')).toEqual(["filter.anna", "other.dana"]);
    expect(await ids('name.familyName eq "Tester" and not (userName sw "filter.")')).toEqual(["other.dana"]);
    expect(await ids('userName sw "filter." and active eq true and emails pr')).toHaveLength(3);
    expect(await ids('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "filter.bob"')).toEqual(["filter.bob"]);
  });

  it("pages 1-based with startIndex and count, and projects attributes", async () => {
    const page = await scim("GET", filtered("Users", 'userName sw "filter."', "&startIndex=2&count=1&attributes=userName"));
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1, Resources: [{ userName: "filter.bob" }] });
    expect(Object.keys(resources(page.body)[0] ?? {}).sort()).toEqual(["id", "meta", "schemas", "userName"]);
    const countOnly = await scim("GET", filtered("Users", 'userName sw "filter."', "&count=0"));
    expect(countOnly.body).toMatchObject({ totalResults: 3, Resources: [] });
  });

  it("refuses injection attempts and unsupported filters with invalidFilter", async () => {
    for (const filter of [
      'userName eq "x" or 1=1',
      `userName eq "x'; DROP TABLE users; --") or (1=1`,
      'userName eq "x" --',
      "password pr",
      'title eq "CEO"',
      'userName gt "a"',
      'active eq "maybe"',
      'meta.created gt "2020-01-01T00:00:00Z"',
      "x".repeat(1001),
    ]) {
      const refused = await scim("GET", filtered("Users", filter));
      expect(refused, filter).toMatchObject({ status: 400, body: { schemas: [ERROR_SCHEMA], scimType: "invalidFilter" } });
    }
    // A quote inside a value is data, not syntax.
    expect(await ids(`userName eq "filter.anna' OR '1'='1"`)).toEqual([]);
    expect(await tenantDb(acme).user.count({ where: { username: { startsWith: "filter." } } })).toBe(3);
  });
});

describe("credentials", () => {
  it("accepts only a key of this workspace holding the scim scope", async () => {
    const path = "/scim/v2/Users";
    expect(await scim("GET", path, undefined, { key: null })).toMatchObject({ status: 401, body: { schemas: [ERROR_SCHEMA], status: "401" } });
    expect((await scim("GET", path, undefined, { key: noScimKey })).status).toBe(401);
    // Tenant A's key on tenant B's host: not in B's database.
    expect((await scim("GET", path, undefined, { key: scimKey, host: `${globex.key}.localhost:3000` })).status).toBe(401);
    expect((await scim("GET", path, undefined, { key: globexScimKey })).status).toBe(401);
    // A tenant admin's session cookie is not a SCIM credential.
    const cookie = await sessionCookie(acme, "admin", ["tenant-admin"]);
    expect((await scim("GET", path, undefined, { key: null, headers: { cookie } })).status).toBe(401);
    const revoked = await keyFor(acme, ["scim"], "revoked");
    await revokeApiKey(acme, revoked.key.id, TEST_ACTOR);
    expect((await scim("GET", path, undefined, { key: revoked.secret })).status).toBe(401);
    // Globex's own key works on its own host and sees only Globex's users.
    const own = await scimClient(globex, globexScimKey)("GET", filtered("Users", 'userName eq "filter.anna"'));
    expect(own).toMatchObject({ status: 200, body: { totalResults: 0 } });
  });

  it("answers with application/scim+json and refuses a write with a bad key without writing", async () => {
    const response = await usersRoute.GET(
      new Request(`http://${acme.key}.localhost:3000/scim/v2/Users?count=1`, { headers: { host: `${acme.key}.localhost:3000`, authorization: `Bearer ${scimKey}` } }),
      { params: Promise.resolve({}) },
    );
    expect(response.headers.get("content-type")).toBe("application/scim+json");
    const before = await tenantDb(acme).user.count();
    const refused = await scim("POST", "/scim/v2/Users", { schemas: [USER_SCHEMA], userName: "sneaky" }, { key: noScimKey });
    expect(refused.status).toBe(401);
    expect(await tenantDb(acme).user.count()).toBe(before);
  });

  it("refuses to delete the break-glass admin and to create a user with an invalid userName", async () => {
    const breakGlass = await tenantDb(acme).user.findFirstOrThrow({ where: { isBreakGlass: true } });
    expect(await scim("DELETE", `/scim/v2/Users/${breakGlass.id}`)).toMatchObject({
      status: 403,
      body: { schemas: [ERROR_SCHEMA], detail: expect.stringContaining("break-glass") },
    });
    const bad = await scim("POST", "/scim/v2/Users", { schemas: [USER_SCHEMA], userName: "-bad name", emails: [{ value: "not-an-email" }] });
    expect(bad).toMatchObject({ status: 400, body: { scimType: "invalidValue", detail: expect.stringContaining("username") } });
    const notPatch = await scim("PATCH", `/scim/v2/Users/${breakGlass.id}`, { Operations: [{ op: "replace", value: { active: false } }] });
    expect(notPatch).toMatchObject({ status: 400, body: { scimType: "invalidSyntax" } });
    expect((await getUser(acme, breakGlass.username))?.enabled).toBe(true);
  });
});

describe("discovery", () => {
  it("describes the service, its resource types and schemas", async () => {
    expect(await scim("GET", "/scim/v2/ServiceProviderConfig")).toMatchObject({
      status: 200,
      body: { patch: { supported: true }, filter: { supported: true, maxResults: 200 }, bulk: { supported: false } },
    });
    const types = await scim("GET", "/scim/v2/ResourceTypes");
    expect(resources(types.body).map((t) => t.endpoint)).toEqual(["/Users", "/Groups"]);
    const schemas = await scim("GET", "/scim/v2/Schemas");
    expect(resources(schemas.body).map((s) => s.id)).toEqual([USER_SCHEMA, GROUP_SCHEMA]);
  });
});

describe("a refused workspace", () => {
  it("answers SCIM with a SCIM error once the tenant is suspended", async () => {
    await changeTenantLifecycle(globex.id, { action: "suspend", reason: "scim test" }, TEST_ACTOR);
    const refused = await scimClient(globex, globexScimKey)("POST", "/scim/v2/Users", { schemas: [USER_SCHEMA], userName: "after.suspension" });
    expect(refused).toMatchObject({ status: 403, body: { schemas: [ERROR_SCHEMA], status: "403", detail: expect.any(String) } });
    expect(await getUser(globex, "after.suspension")).toBeNull();
  });
});
