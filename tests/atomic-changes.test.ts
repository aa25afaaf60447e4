// A change is validated and authorized whole before anything is written, and its database part is
// one transaction: REST `PATCH /users/{username}` (rename, role, profile, enabled), SCIM PUT and
// PATCH on /Users, and SCIM writes on /Groups (the org unit and its members). A refused request
// leaves both stores exactly as they were. Real route handlers, real database, real identity server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Permission, type Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { identityAdmin } from "@/lib/identity/admin";
import { realmRolesOf } from "@/lib/identity/users";
import { setQuotaOverrides } from "@/lib/quotas/limits";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { call, type Json } from "@/tests/support/api";
import { GROUP_SCHEMA, PATCH_OP, scimClient, USER_SCHEMA, type ScimCaller } from "@/tests/support/scim";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let fullKey: string;
let scim: ScimCaller;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const keyFor = async (scopes: readonly (Permission | "scim")[]) =>
  (await createApiKey(acme, admin, createApiKeySchema.parse({ name: `atomic ${scopes.length}`, scopes }), TEST_ACTOR)).secret;
const host = () => `${acme.key}.localhost:3000`;
const base = () => `/api/v1/tenants/${acme.key}`;
const createUser = (body: Json) => call(users.POST, { host: host(), path: `${base()}/users`, method: "POST", key: fullKey, params: { key: acme.key }, body });
const patchUser = (key: string, username: string, body: Json) =>
  call(user.PATCH, { host: host(), path: `${base()}/users/${username}`, method: "PATCH", key, params: { key: acme.key, username }, body });

/** Everything either store holds about the user (by id, so a rename shows), and its audit trail. */
async function everything(id: string) {
  const db = tenantDb(acme);
  const row = await db.user.findUniqueOrThrow({ where: { id } });
  const realmUser = await (await identityAdmin()).users.findOne({ realm: acme.key, id: row.identityId! });
  const realm = {
    username: realmUser?.username,
    email: realmUser?.email ?? null,
    firstName: realmUser?.firstName ?? null,
    enabled: realmUser?.enabled,
    roles: (await realmRolesOf(acme.key, row.identityId!)).filter((r) => ["tenant-admin", "auditor", "member"].includes(r)).sort(),
  };
  const events = await db.auditEvent.count();
  const retired = await db.retiredUsername.count();
  return { row, realm, events, retired };
}

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  fullKey = await keyFor(PERMISSIONS);
  scim = scimClient(acme, await keyFor(["scim"]));
  expect(await createUser({ username: "taken.name", email: "taken@example.com", passwordMode: "none" })).toMatchObject({ status: 201 });
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("REST PATCH /users/{username}: all of it or nothing", () => {
  it("a new role with a profile field that cannot be saved (a taken email) changes nothing, not even the role", async () => {
    const created = await createUser({ username: "pat", email: "pat@example.com", firstName: "Pat", passwordMode: "none" });
    const before = await everything(String(created.body.id));
    const refused = await patchUser(fullKey, "pat", { tenantRole: "auditor", email: "TAKEN@example.com" });
    expect(refused).toMatchObject({ status: 409, body: { code: "conflict", fields: { email: expect.any(String) } } });
    expect(await everything(String(created.body.id))).toEqual(before);
    expect(before.row.tenantRole).toBe("member");
  });

  it("a rename with a role the caller may not grant is a 403 and keeps the old name, in both stores", async () => {
    const created = await createUser({ username: "ren", passwordMode: "none" });
    const updater = await keyFor(["user:update", "user:read"]);
    const before = await everything(String(created.body.id));
    const refused = await patchUser(updater, "ren", { username: "ren.new", tenantRole: "auditor" });
    expect(refused).toMatchObject({ status: 403, body: { code: "forbidden", message: expect.stringContaining("audit:read") } });
    expect(await everything(String(created.body.id))).toEqual(before);
    expect(await tenantDb(acme).user.count({ where: { username: "ren.new" } })).toBe(0);
  });

  it("a taken new name with other changes is a 409 on username and changes nothing", async () => {
    const created = await createUser({ username: "tom", firstName: "Tom", passwordMode: "none" });
    const before = await everything(String(created.body.id));
    const refused = await patchUser(fullKey, "tom", { username: "taken.name", firstName: "Thomas", enabled: false, tenantRole: "auditor" });
    expect(refused).toMatchObject({ status: 409, body: { code: "conflict", fields: { username: expect.any(String) } } });
    expect(await everything(String(created.body.id))).toEqual(before);
  });

  it("applies rename, role, profile and enabled together: one transaction, every change audited, the realm in step", async () => {
    const created = await createUser({ username: "all.at.once", passwordMode: "none" });
    const id = String(created.body.id);
    const changed = await patchUser(fullKey, "all.at.once", { username: "all.done", tenantRole: "auditor", firstName: "Alma", email: "alma@example.com", enabled: false });
    expect(changed).toMatchObject({
      status: 200,
      body: { username: "all.done", tenantRole: "auditor", firstName: "Alma", email: "alma@example.com", enabled: false, provisioningState: "synced" },
    });
    const after = await everything(id);
    expect(after.realm).toEqual({ username: "all.done", email: "alma@example.com", firstName: "Alma", enabled: false, roles: ["auditor"] });
    const actions = (await tenantDb(acme).auditEvent.findMany({ where: { resourceId: "all.done" }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.renamed", "user.role_changed", "user.updated", "user.disabled"]);
    expect(await tenantDb(acme).retiredUsername.findUnique({ where: { username: "all.at.once" } })).toMatchObject({ reason: "renamed" });
  });
});

describe("SCIM Users: a rename that fails validation keeps nothing", () => {
  it("PUT with a new userName and an invalid email is a 400, and the user keeps its name", async () => {
    const created = await createUser({ username: "scim.put", email: "scim.put@example.com", passwordMode: "none" });
    const before = await everything(String(created.body.id));
    const refused = await scim("PUT", `/scim/v2/Users/${created.body.id}`, {
      schemas: [USER_SCHEMA],
      userName: "scim.put.renamed",
      emails: [{ value: "not-an-email", primary: true }],
      active: true,
    });
    expect(refused).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    expect(await everything(String(created.body.id))).toEqual(before);
  });

  it("PATCH renaming and setting an invalid name part is a 400, and the user keeps its name", async () => {
    const created = await createUser({ username: "scim.patch", passwordMode: "none" });
    const before = await everything(String(created.body.id));
    const refused = await scim("PATCH", `/scim/v2/Users/${created.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "replace", path: "userName", value: "scim.patch.renamed" },
        { op: "replace", path: "name.givenName", value: "<script>" },
      ],
    });
    expect(refused).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    expect(await everything(String(created.body.id))).toEqual(before);
  });
});

describe("SCIM Groups: the org unit and its members commit together", () => {
  it("POST over the memberships quota is a 429 and creates no group, so the client's retry is not a 409", async () => {
    const members = [];
    for (const username of ["g.one", "g.two", "g.three"]) members.push({ value: String((await createUser({ username, passwordMode: "none" })).body.id) });
    const used = await tenantDb(acme).membership.count();
    await setQuotaOverrides(acme.id, { users: "", orgUnits: "", memberships: String(used + 2), apiKeys: "" }, TEST_ACTOR);
    const body = { schemas: [GROUP_SCHEMA], displayName: "Quota Team", members };
    const refused = await scim("POST", "/scim/v2/Groups", body);
    expect(refused).toMatchObject({ status: 429 });
    expect(await tenantDb(acme).orgUnit.count({ where: { name: "Quota Team" } })).toBe(0);
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "org_unit.created" } })).toBe(0);

    await setQuotaOverrides(acme.id, { users: "", orgUnits: "", memberships: String(used + 3), apiKeys: "" }, TEST_ACTOR);
    const retried = await scim("POST", "/scim/v2/Groups", body);
    expect(retried).toMatchObject({ status: 201, body: { displayName: "Quota Team" } });
    expect(retried.body.members).toHaveLength(3);
  });

  it("PATCH renaming a group and adding members over the quota is a 429 and keeps the old displayName", async () => {
    const group = await scim("POST", "/scim/v2/Groups", { schemas: [GROUP_SCHEMA], displayName: "Steady" });
    expect(group.status).toBe(201);
    const newcomer = String((await createUser({ username: "g.newcomer", passwordMode: "none" })).body.id);
    const used = await tenantDb(acme).membership.count();
    await setQuotaOverrides(acme.id, { users: "", orgUnits: "", memberships: String(used), apiKeys: "" }, TEST_ACTOR);
    const refused = await scim("PATCH", `/scim/v2/Groups/${group.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "replace", path: "displayName", value: "Renamed" },
        { op: "add", path: "members", value: [{ value: newcomer }] },
      ],
    });
    expect(refused).toMatchObject({ status: 429 });
    const stored = await tenantDb(acme).orgUnit.findUniqueOrThrow({ where: { id: String(group.body.id) } });
    expect(stored.name).toBe("Steady");
    expect(await tenantDb(acme).membership.count({ where: { orgUnitId: stored.id } })).toBe(0);
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "org_unit.updated", resourceId: stored.id } })).toBe(0);
    await setQuotaOverrides(acme.id, { users: "", orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
  });
});
