// The grant rule, from the outside: a caller hands out only what it holds (a user's tenant-wide
// role at creation, an OU role, an API key's scopes), and acts (disable, delete, rename, edit,
// reset) only on users whose role it could grant. Driven through the real REST and SCIM route
// handlers with keys of chosen scopes; every refusal is a 403 `forbidden` naming what is missing,
// with nothing written to the tenant database or the realm.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Permission, type Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { realmRolesOf } from "@/lib/identity/users";
import { identityAdmin } from "@/lib/identity/admin";
import { issueTenantUserSetPasswordLink, resetTenantUserPassword, retryUserSync } from "@/lib/users/commands";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { call, type Json } from "@/tests/support/api";
import { passwordAccepted } from "@/tests/support/identity-login";
import { scimClient, USER_SCHEMA, PATCH_OP } from "@/tests/support/scim";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";
import * as orgUnits from "@/app/workspace/api/v1/tenants/[key]/org-units/route";
import * as members from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/route";
import * as member from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/[username]/route";
import * as apiKeys from "@/app/workspace/api/v1/tenants/[key]/api-keys/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let fullKey: string;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const keyFor = async (scopes: readonly (Permission | "scim")[]) =>
  (await createApiKey(acme, admin, createApiKeySchema.parse({ name: `grant ${scopes.join(" ").slice(0, 80)}`, scopes }), TEST_ACTOR)).secret;
const host = () => `${acme.key}.localhost:3000`;
const base = () => `/api/v1/tenants/${acme.key}`;

const post = (key: string, path: string, body: unknown, params: Record<string, string> = {}) =>
  call(users.POST, { host: host(), path, method: "POST", key, params: { key: acme.key, ...params }, body });
const createUser = (key: string, body: Json) => post(key, `${base()}/users`, body);
const patchUser = (key: string, username: string, body: Json) =>
  call(user.PATCH, { host: host(), path: `${base()}/users/${username}`, method: "PATCH", key, params: { key: acme.key, username }, body });
const deleteUser = (key: string, username: string) =>
  call(user.DELETE, { host: host(), path: `${base()}/users/${username}`, method: "DELETE", key, params: { key: acme.key, username } });

/** The user as both stores have it. */
async function stored(username: string) {
  const row = await tenantDb(acme).user.findUnique({ where: { username } });
  const [found] = await (await identityAdmin()).users.find({ realm: acme.key, username, exact: true });
  const realm = found ? { id: found.id!, username: found.username, enabled: found.enabled, email: found.email ?? null, firstName: found.firstName ?? null } : null;
  return { row, realm };
}

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  fullKey = await keyFor(PERMISSIONS);
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("handing out: nobody gives more than they hold", () => {
  it("a key with user:create alone cannot create a tenant admin (nor an auditor) to sign in as; a member it can", async () => {
    const createOnly = await keyFor(["user:create"]);
    const password = "mallory-password-1";
    const escalation = await createUser(createOnly, { username: "mallory", tenantRole: "tenant-admin", passwordMode: "set", password });
    expect(escalation).toMatchObject({ status: 403, body: { code: "forbidden", message: expect.stringContaining("apikey:create"), fields: { tenantRole: expect.any(String) } } });
    expect(await stored("mallory")).toEqual({ row: null, realm: null });
    expect(await passwordAccepted(acme.key, "mallory", password)).toBe(false);
    expect(await tenantDb(acme).auditEvent.count({ where: { resourceId: "mallory" } })).toBe(0);

    expect(await createUser(createOnly, { username: "mallory.auditor", tenantRole: "auditor", passwordMode: "none" })).toMatchObject({
      status: 403,
      body: { code: "forbidden", message: expect.stringContaining("audit:read") },
    });
    expect(await stored("mallory.auditor")).toEqual({ row: null, realm: null });

    expect(await createUser(createOnly, { username: "plain.member", passwordMode: "none" })).toMatchObject({ status: 201, body: { tenantRole: "member" } });
  });

  it("a key managing memberships cannot make anyone an OU admin, nor promote or remove one", async () => {
    const ou = await call(orgUnits.POST, {
      host: host(),
      path: `${base()}/org-units`,
      method: "POST",
      key: fullKey,
      params: { key: acme.key },
      body: { identifier: "grant-ou", name: "Grant OU" },
    });
    const ouParams = { key: acme.key, id: String(ou.body.id) };
    for (const username of ["ou.joiner", "ou.boss"]) expect((await createUser(fullKey, { username, passwordMode: "none" })).status).toBe(201);
    const manager = await keyFor(["membership:manage", "membership:read", "ou:read"]);
    const add = (key: string, username: string, role: string) =>
      call(members.POST, { host: host(), path: `${base()}/org-units/${ouParams.id}/members`, method: "POST", key, params: ouParams, body: { username, role } });
    const memberships = () => tenantDb(acme).membership.findMany({ where: { orgUnitId: ouParams.id }, select: { username: true, role: true }, orderBy: { username: "asc" } });

    expect(await add(manager, "ou.joiner", "admin")).toMatchObject({ status: 403, body: { code: "forbidden", message: expect.stringContaining("ou:update") } });
    expect(await memberships()).toEqual([]);
    expect(await add(manager, "ou.joiner", "default")).toMatchObject({ status: 201 });
    const promote = await call(member.PATCH, {
      host: host(),
      path: `${base()}/org-units/${ouParams.id}/members/ou.joiner`,
      method: "PATCH",
      key: manager,
      params: { ...ouParams, username: "ou.joiner" },
      body: { role: "admin" },
    });
    expect(promote).toMatchObject({ status: 403, body: { code: "forbidden", message: expect.stringContaining("ou:update") } });

    // An OU admin made by someone who may: the limited key can neither demote nor remove them.
    expect(await add(fullKey, "ou.boss", "admin")).toMatchObject({ status: 201 });
    const demote = await call(member.PATCH, {
      host: host(),
      path: `${base()}/org-units/${ouParams.id}/members/ou.boss`,
      method: "PATCH",
      key: manager,
      params: { ...ouParams, username: "ou.boss" },
      body: { role: "default" },
    });
    expect(demote).toMatchObject({ status: 403, body: { code: "forbidden" } });
    const remove = await call(member.DELETE, {
      host: host(),
      path: `${base()}/org-units/${ouParams.id}/members/ou.boss`,
      method: "DELETE",
      key: manager,
      params: { ...ouParams, username: "ou.boss" },
    });
    expect(remove).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await memberships()).toEqual([
      { username: "ou.boss", role: "admin" },
      { username: "ou.joiner", role: "default" },
    ]);
  });

  it("a key minting keys names the permissions it lacks", async () => {
    const minter = await keyFor(["apikey:create", "user:list"]);
    const before = await tenantDb(acme).apiKey.count();
    const wider = await call(apiKeys.POST, {
      host: host(),
      path: `${base()}/api-keys`,
      method: "POST",
      key: minter,
      params: { key: acme.key },
      body: { name: "wider", scopes: ["user:list", "user:delete", "scim"] },
    });
    expect(wider).toMatchObject({ status: 403, body: { code: "forbidden", message: expect.stringContaining("user:delete"), fields: { scopes: expect.stringContaining("scim") } } });
    expect(await tenantDb(acme).apiKey.count()).toBe(before);
  });
});

describe("acting on someone more privileged", () => {
  it("keys with user:disable, user:delete or user:update alone cannot disable, delete, rename or edit a tenant admin; a member they can", async () => {
    expect((await createUser(fullKey, { username: "ada.admin", tenantRole: "tenant-admin", firstName: "Ada", passwordMode: "none" })).status).toBe(201);
    expect((await createUser(fullKey, { username: "mo.member", firstName: "Mo", passwordMode: "none" })).status).toBe(201);
    const [disabler, deleter, updater] = [await keyFor(["user:disable", "user:read"]), await keyFor(["user:delete"]), await keyFor(["user:update", "user:read"])];
    const before = await stored("ada.admin");

    expect(await patchUser(disabler, "ada.admin", { enabled: false })).toMatchObject({
      status: 403,
      body: { code: "forbidden", message: expect.stringContaining("tenant-admin") },
    });
    expect(await deleteUser(deleter, "ada.admin")).toMatchObject({ status: 403, body: { code: "forbidden", message: expect.stringContaining("apikey:create") } });
    expect(await patchUser(updater, "ada.admin", { username: "ada.renamed" })).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await patchUser(updater, "ada.admin", { firstName: "Hijacked", email: "attacker@evil.example" })).toMatchObject({ status: 403, body: { code: "forbidden" } });
    const after = await stored("ada.admin");
    expect(after.row).toEqual(before.row);
    expect(after.realm).toEqual({ id: before.realm!.id, username: "ada.admin", enabled: true, email: null, firstName: "Ada" });
    expect(await stored("ada.renamed")).toEqual({ row: null, realm: null });
    expect(await realmRolesOf(acme.key, before.realm!.id)).toContain("tenant-admin");

    expect(await patchUser(disabler, "mo.member", { enabled: false })).toMatchObject({ status: 200, body: { enabled: false } });
    expect(await patchUser(updater, "mo.member", { firstName: "Moe" })).toMatchObject({ status: 200, body: { firstName: "Moe" } });
    expect((await deleteUser(deleter, "mo.member")).status).toBe(204);
  });

  it("a caller may reset the password of, send a set-password link to, or re-sync only users whose role it could grant", async () => {
    expect((await createUser(fullKey, { username: "ida.admin", tenantRole: "tenant-admin", passwordMode: "set", password: "ida-password-1" })).status).toBe(201);
    const resetter: Principal = { kind: "apikey", keyId: "resetter", scopes: ["user:reset_password", "user:update", "user:read"] };
    const links = () => tenantDb(acme).setPasswordLink.count({ where: { user: { username: "ida.admin" } } });
    await expect(resetTenantUserPassword(acme, "ida.admin", "taken-over-1", resetter, TEST_ACTOR)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("apikey:create"),
    });
    await expect(issueTenantUserSetPasswordLink(acme, "ida.admin", resetter, TEST_ACTOR)).rejects.toMatchObject({ code: "forbidden" });
    await expect(retryUserSync(acme, "ida.admin", resetter, TEST_ACTOR)).rejects.toMatchObject({ code: "forbidden" });
    expect(await passwordAccepted(acme.key, "ida.admin", "ida-password-1")).toBe(true);
    expect(await passwordAccepted(acme.key, "ida.admin", "taken-over-1")).toBe(false);
    expect(await links()).toBe(0);
  });

  it("a SCIM key cannot deactivate, rename or delete a tenant admin (the scim scope does not carry the admin's permissions)", async () => {
    expect((await createUser(fullKey, { username: "sam.admin", tenantRole: "tenant-admin", passwordMode: "none" })).status).toBe(201);
    const scim = scimClient(acme, await keyFor(["scim"]));
    const before = await stored("sam.admin");
    const id = before.row!.id;
    expect(await scim("PATCH", `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] })).toMatchObject({
      status: 403,
      body: { detail: expect.stringContaining("tenant-admin") },
    });
    expect(await scim("PUT", `/scim/v2/Users/${id}`, { schemas: [USER_SCHEMA], userName: "sam.renamed", active: true })).toMatchObject({ status: 403 });
    expect(await scim("DELETE", `/scim/v2/Users/${id}`)).toMatchObject({ status: 403 });
    const after = await stored("sam.admin");
    expect(after.row).toEqual(before.row);
    expect(after.realm).toMatchObject({ id: before.realm!.id, enabled: true });
  });
});
