// Renaming users: over SCIM with the requests Microsoft Entra ID and Okta send, and over the REST
// API — against the tenant's real database and the embedded identity server. The checks are what
// a user or an admin notices: memberships under the new name, sign-in with the new name only, the
// old session ending, a taken name refused with nothing changed, the break-glass admin kept.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Permission, type Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { findUserByUsername } from "@/lib/identity/users";
import { getUser } from "@/lib/users/queries";
import { createOrgUnit } from "@/lib/org-units/service";
import { addMembership, listUserMemberships } from "@/lib/memberships/service";
import { BREAK_GLASS_USERNAME } from "@/lib/kernel/break-glass";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { call, sessionCookie, type Json } from "@/tests/support/api";
import { passwordAccepted } from "@/tests/support/identity-login";
import { PATCH_OP, scimClient, USER_SCHEMA, type ScimCaller } from "@/tests/support/scim";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let scim: ScimCaller;
let scimKeyPrefix: string;
let adminKey: string;
let globexKey: string;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const PASSWORD = "Correct-Horse-42";
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;
const userPath = (t: ResolvedTenant, username: string) => `/api/v1/tenants/${t.key}/users/${username}`;

async function keyFor(tenant: ResolvedTenant, scopes: readonly (Permission | "scim")[]) {
  return createApiKey(tenant, admin, createApiKeySchema.parse({ name: `rename ${scopes.length}`, scopes }), TEST_ACTOR);
}

/** PATCH /users/{username} on acme's host with a key. */
const restRename = (key: string, username: string, body: Json, tenant = acme) =>
  call(user.PATCH, { host: hostOf(tenant), path: userPath(tenant, username), method: "PATCH", key, params: { key: tenant.key, username }, body });

/** A SCIM user with a password, in an org unit and an organization (as in the shared cloud tenant). */
async function provisionedUser(userName: string): Promise<{ id: string; orgUnitId: string; organizationId: string }> {
  const created = await scim("POST", "/scim/v2/Users", { schemas: [USER_SCHEMA], userName, password: PASSWORD, active: true, name: { givenName: "Jo", familyName: "Doe" } });
  expect(created.status).toBe(201);
  const ou = await createOrgUnit(acme, { identifier: `ou-${randomUUID().slice(0, 8)}`, name: "Rename test" }, TEST_ACTOR);
  await addMembership(acme, ou.id, { username: userName, role: "admin" }, TEST_PRINCIPAL, TEST_ACTOR);
  const organization = await tenantDb(acme).organization.create({
    data: { customerId: randomUUID(), slug: `org-${randomUUID().slice(0, 8)}`, name: "Rename test", members: { create: { username: userName, role: "admin" } } },
  });
  return { id: String(created.body.id), orgUnitId: ou.id, organizationId: organization.id };
}

/** The user under the new name everywhere, and nothing left under the old one. */
async function expectRenamed(from: string, to: string, fixture: { id: string; orgUnitId: string; organizationId: string }) {
  expect(await getUser(acme, to)).toMatchObject({ id: fixture.id, provisioningState: "synced" });
  expect(await getUser(acme, from)).toBeNull();
  expect((await listUserMemberships(acme, to)).map((m) => [m.orgUnitId, m.role])).toEqual([[fixture.orgUnitId, "admin"]]);
  expect(await tenantDb(acme).organizationMember.findMany({ where: { organizationId: fixture.organizationId }, select: { username: true, role: true } })).toEqual([
    { username: to, role: "admin" },
  ]);
  expect(await findUserByUsername(acme.key, from)).toBeNull();
  expect((await findUserByUsername(acme.key, to))?.id).toBe((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: to } })).identityId);
  expect(await passwordAccepted(acme.key, to, PASSWORD)).toBe(true);
  expect(await passwordAccepted(acme.key, from, PASSWORD)).toBe(false);
  const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "user.renamed", resourceId: to } });
  expect(event).toMatchObject({ resourceType: "user", before: { username: from }, after: { username: to } });
}

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  const scimKey = await keyFor(acme, ["scim"]);
  [scimKeyPrefix, adminKey] = [scimKey.key.prefix, (await keyFor(acme, PERMISSIONS)).secret];
  globexKey = (await keyFor(globex, PERMISSIONS)).secret;
  scim = scimClient(acme, scimKey.secret);
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("renaming over SCIM", () => {
  it("declares userName writable in the User schema", async () => {
    const schemas = await scim("GET", "/scim/v2/Schemas");
    const userSchema = (schemas.body.Resources as Json[]).find((r) => r.id === USER_SCHEMA)!;
    expect((userSchema.attributes as Json[]).find((a) => a.name === "userName")).toMatchObject({ mutability: "readWrite", uniqueness: "server" });
  });

  it("takes Entra's “update userName” PATCH: memberships follow, the user signs in with the new name only", async () => {
    const fixture = await provisionedUser("entra.old@testuser.com");
    const patched = await scim("PATCH", `/scim/v2/Users/${fixture.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "userName", value: "5b50642d@testuser.com" }] });
    expect(patched).toMatchObject({ status: 200, body: { id: fixture.id, userName: "5b50642d@testuser.com", name: { givenName: "Jo" } } });
    await expectRenamed("entra.old@testuser.com", "5b50642d@testuser.com", fixture);
    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "user.renamed", resourceId: "5b50642d@testuser.com" } });
    expect(event.actor).toBe(`${acme.key}/apikey:${scimKeyPrefix}`);
  });

  it("takes Okta's PUT with a changed login (and other changes alongside)", async () => {
    const fixture = await provisionedUser("okta.old@example.com");
    const put = await scim("PUT", `/scim/v2/Users/${fixture.id}`, {
      schemas: [USER_SCHEMA],
      id: fixture.id,
      userName: "Okta.New@Example.com",
      name: { givenName: "Joanne", familyName: "Doe" },
      emails: [{ primary: true, value: "okta.new@example.com", type: "work" }],
      active: true,
    });
    expect(put).toMatchObject({ status: 200, body: { userName: "okta.new@example.com", name: { givenName: "Joanne" }, emails: [{ value: "okta.new@example.com" }] } });
    await expectRenamed("okta.old@example.com", "okta.new@example.com", fixture);
    expect(await getUser(acme, "okta.new@example.com")).toMatchObject({ firstName: "Joanne", email: "okta.new@example.com" });
  });

  it("refuses a taken userName with 409 uniqueness, a malformed one with 400, the break-glass admin with 403 — changing nothing", async () => {
    const fixture = await provisionedUser("stays.put@example.com");
    await provisionedUser("taken@example.com");
    const taken = await scim("PATCH", `/scim/v2/Users/${fixture.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { userName: "taken@example.com", "name.givenName": "Changed" } }],
    });
    expect(taken).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    const malformed = await scim("PATCH", `/scim/v2/Users/${fixture.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "userName", value: "no spaces allowed" }] });
    expect(malformed).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    expect(await getUser(acme, "stays.put@example.com")).toMatchObject({ id: fixture.id, firstName: "Jo" });
    expect(await passwordAccepted(acme.key, "stays.put@example.com", PASSWORD)).toBe(true);

    const breakGlass = await tenantDb(acme).user.findUniqueOrThrow({ where: { username: BREAK_GLASS_USERNAME } });
    const refused = await scim("PATCH", `/scim/v2/Users/${breakGlass.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "userName", value: "not-breakglass" }] });
    expect(refused.status).toBe(403);
    expect(await getUser(acme, BREAK_GLASS_USERNAME)).toMatchObject({ id: breakGlass.id });
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "user.renamed", before: { path: ["username"], equals: "stays.put@example.com" } } })).toBe(0);
  });
});

describe("renaming over the REST API", () => {
  it("renames with PATCH { username }, ends the old session, and applies other fields to the renamed user", async () => {
    const fixture = await provisionedUser("rest.old");
    expect((await restRename(adminKey, "rest.old", { tenantRole: "tenant-admin" })).status).toBe(200);
    const oldSession = await sessionCookie(acme, "rest.old", ["tenant-admin"]);
    expect((await call(users.GET, { host: hostOf(acme), path: `/api/v1/tenants/${acme.key}/users`, cookie: oldSession, params: { key: acme.key } })).status).toBe(200);

    const renamed = await restRename(adminKey, "rest.old", { username: "REST.New", lastName: "Renamed" });
    expect(renamed).toMatchObject({ status: 200, body: { id: fixture.id, username: "rest.new", lastName: "Renamed", provisioningState: "synced" } });
    await expectRenamed("rest.old", "rest.new", fixture);
    // A session signed in under the old name is refused from its next request.
    expect((await call(users.GET, { host: hostOf(acme), path: `/api/v1/tenants/${acme.key}/users`, cookie: oldSession, params: { key: acme.key } })).status).toBe(401);
  });

  it("refuses a deleted user's open session from its next request, like a renamed one", async () => {
    await provisionedUser("rest.gone");
    expect((await restRename(adminKey, "rest.gone", { tenantRole: "tenant-admin" })).status).toBe(200);
    const session = await sessionCookie(acme, "rest.gone", ["tenant-admin"]);
    const list = () => call(users.GET, { host: hostOf(acme), path: `/api/v1/tenants/${acme.key}/users`, cookie: session, params: { key: acme.key } });
    expect((await list()).status).toBe(200);
    const deleted = await call(user.DELETE, {
      method: "DELETE",
      host: hostOf(acme),
      path: userPath(acme, "rest.gone"),
      key: adminKey,
      params: { key: acme.key, username: "rest.gone" },
    });
    expect(deleted.status).toBeLessThan(300);
    expect((await list()).status).toBe(401);
  });

  it("refuses a session issued to the name's former holder once the name is given to someone else", async () => {
    await provisionedUser("rest.reuse");
    expect((await restRename(adminKey, "rest.reuse", { tenantRole: "tenant-admin" })).status).toBe(200);
    const identityOf = async (username: string) => (await tenantDb(acme).user.findUniqueOrThrow({ where: { username }, select: { identityId: true } })).identityId ?? "";
    const formerHolder = await sessionCookie(acme, "rest.reuse", ["tenant-admin"], await identityOf("rest.reuse"));
    const list = (cookie: string) => call(users.GET, { host: hostOf(acme), path: `/api/v1/tenants/${acme.key}/users`, cookie, params: { key: acme.key } });
    expect((await list(formerHolder)).status).toBe(200);

    expect((await restRename(adminKey, "rest.reuse", { username: "rest.moved" })).status).toBe(200);
    await provisionedUser("rest.reuse"); // a new person gets the freed name
    expect((await restRename(adminKey, "rest.reuse", { tenantRole: "tenant-admin" })).status).toBe(200);
    expect((await list(formerHolder)).status).toBe(401);
    expect((await list(await sessionCookie(acme, "rest.reuse", ["tenant-admin"], await identityOf("rest.reuse")))).status).toBe(200);
  });

  it("refuses a taken name (conflict), the break-glass admin, keys without user:update and other workspaces' keys", async () => {
    await provisionedUser("rest.keep");
    await provisionedUser("rest.other");
    expect(await restRename(adminKey, "rest.keep", { username: "rest.other" })).toMatchObject({
      status: 409,
      body: { code: "conflict", fields: { username: expect.any(String) } },
    });
    expect(await restRename(adminKey, "rest.keep", { username: "x" })).toMatchObject({
      status: 400,
      body: { code: "validation_failed", fields: { username: expect.any(String) } },
    });
    expect(await restRename(adminKey, BREAK_GLASS_USERNAME, { username: "admin2" })).toMatchObject({ status: 403, body: { code: "forbidden" } });

    const disableOnly = (await keyFor(acme, ["user:read", "user:disable"])).secret;
    expect(await restRename(disableOnly, "rest.keep", { username: "rest.sneaky" })).toMatchObject({ status: 403, body: { code: "forbidden" } });
    const scimOnly = (await keyFor(acme, ["scim"])).secret;
    expect((await restRename(scimOnly, "rest.keep", { username: "rest.sneaky" })).status).toBe(403);
    // Another workspace's key is not known here; this workspace's user is not known there.
    expect((await restRename(globexKey, "rest.keep", { username: "rest.sneaky" })).status).toBe(401);
    expect(await restRename(globexKey, "rest.keep", { username: "rest.sneaky" }, globex)).toMatchObject({ status: 404 });
    const member = await sessionCookie(acme, "rest.other", ["member"]);
    expect(
      (
        await call(user.PATCH, {
          host: hostOf(acme),
          path: userPath(acme, "rest.keep"),
          method: "PATCH",
          cookie: member,
          params: { key: acme.key, username: "rest.keep" },
          body: { username: "rest.sneaky" },
        })
      ).status,
    ).toBe(403);

    expect(await getUser(acme, "rest.keep")).not.toBeNull();
    expect(await getUser(acme, "rest.sneaky")).toBeNull();
    expect(await getUser(acme, BREAK_GLASS_USERNAME)).not.toBeNull();
    // The database refuses the break-glass admin's rename too, whoever asks.
    await expect(tenantDb(acme).user.update({ where: { username: BREAK_GLASS_USERNAME }, data: { username: "admin2" } })).rejects.toThrow();
  });
});
