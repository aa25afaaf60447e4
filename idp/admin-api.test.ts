// The admin REST API driven by the real @keycloak/keycloak-admin-client, as lib/identity uses it.
import type KcAdminClient from "@keycloak/keycloak-admin-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { decodeJwt } from "jose";
import { ADMIN, adminClient, SERVICE_ACCOUNT, startTestIdp, uniqueName, type TestIdp } from "@/idp/test-support/harness";

let idp: TestIdp;
let kc: KcAdminClient;

beforeAll(async () => {
  idp = await startTestIdp();
  kc = await idp.admin();
});

afterAll(async () => {
  await idp?.close();
});

/** The HTTP status and body of a failed admin-client call. */
async function failure(call: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error && typeof error === "object" && "response" in error && error.response instanceof Response) {
      return { status: error.response.status, body: "responseData" in error ? error.responseData : undefined };
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function newRealm(): Promise<string> {
  const realm = uniqueName("acme");
  await kc.realms.create({ realm, enabled: true, displayName: "Acme Corp" });
  return realm;
}

describe("authentication of the admin API", () => {
  it("refuses requests without a token, with a bad token, or from a user who is not a master admin", async () => {
    const anonymous = await fetch(`${idp.url}/admin/realms`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "HTTP 401 Unauthorized" });

    const forged = await fetch(`${idp.url}/admin/realms`, { headers: { authorization: "Bearer not.a.jwt" } });
    expect(forged.status).toBe(401);

    const userId = (await kc.users.create({ realm: "master", username: "auditor", enabled: true, credentials: [{ type: "password", value: "auditor-pass", temporary: false }] }))
      .id;
    const auditor = await adminClient(idp.url, { username: "auditor", password: "auditor-pass" });
    expect((await failure(auditor.realms.find())).status).toBe(403);

    const adminRole = await kc.roles.findOneByName({ realm: "master", name: "admin" });
    await kc.users.addRealmRoleMappings({ realm: "master", id: userId, roles: [{ id: adminRole!.id!, name: "admin" }] });
    expect(Array.isArray(await auditor.realms.find())).toBe(true);
  });

  it("refuses a token whose signature does not verify against the master realm's keys", async () => {
    const [header, payload] = kc.accessToken!.split(".");
    const tampered = `${header}.${payload}.${Buffer.from("forged").toString("base64url")}`;
    const response = await fetch(`${idp.url}/admin/realms`, { headers: { authorization: `Bearer ${tampered}` } });
    expect(response.status).toBe(401);
  });

  it("refreshes the admin client's token with the refresh token", async () => {
    const client = await adminClient(idp.url, ADMIN);
    expect(client.refreshToken).toBeTruthy();
    const response = await fetch(`${idp.url}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", client_id: "admin-cli", refresh_token: client.refreshToken! }),
    });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { access_token: string; refresh_token: string };
    const refreshed = await fetch(`${idp.url}/admin/realms/master`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(refreshed.status).toBe(200);
  });

  it("rejects a wrong admin password with Keycloak's error", async () => {
    const response = await fetch(`${idp.url}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: ADMIN.username, password: "wrong" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant", error_description: "Invalid user credentials" });
  });

  it("admits the master realm's service account by client credentials: its token acts as the service-account user, whose admin role it needs", async () => {
    const machine = new KeycloakAdminClient({ baseUrl: idp.url, realmName: "master" });
    await machine.auth({ grantType: "client_credentials", clientId: SERVICE_ACCOUNT.clientId, clientSecret: SERVICE_ACCOUNT.secret });
    expect(machine.refreshToken).toBeUndefined();
    expect((await machine.realms.findOne({ realm: "master" }))?.realm).toBe("master");

    const [account] = await kc.users.find({ realm: "master", username: `service-account-${SERVICE_ACCOUNT.clientId}`, exact: true });
    expect(account).toBeUndefined(); // not a person: searches leave it out, as Keycloak's do
    const claims = decodeJwt(machine.accessToken!);
    expect(claims).toMatchObject({ azp: SERVICE_ACCOUNT.clientId, preferred_username: `service-account-${SERVICE_ACCOUNT.clientId}`, realm_access: { roles: ["admin"] } });
    const user = await kc.users.findOne({ realm: "master", id: claims.sub! });
    expect(user?.username).toBe(`service-account-${SERVICE_ACCOUNT.clientId}`);

    // It has no password to sign in with, and losing the role or being disabled ends its access.
    const noPassword = await fetch(`${idp.url}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: user!.username!, password: "" }),
    });
    expect(noPassword.status).toBe(400);
    const adminRole = await kc.roles.findOneByName({ realm: "master", name: "admin" });
    await kc.users.delRealmRoleMappings({ realm: "master", id: user!.id!, roles: [{ id: adminRole!.id!, name: "admin" }] });
    expect((await failure(machine.realms.find())).status).toBe(403);
    await kc.users.addRealmRoleMappings({ realm: "master", id: user!.id!, roles: [{ id: adminRole!.id!, name: "admin" }] });
    await kc.users.update({ realm: "master", id: user!.id! }, { enabled: false });
    expect((await failure(machine.realms.find())).status).toBe(401);
    await kc.users.update({ realm: "master", id: user!.id! }, { enabled: true });
    expect(Array.isArray(await machine.realms.find())).toBe(true);

    const wrongSecret = new KeycloakAdminClient({ baseUrl: idp.url, realmName: "master" });
    await expect(wrongSecret.auth({ grantType: "client_credentials", clientId: SERVICE_ACCOUNT.clientId, clientSecret: "not-the-secret" })).rejects.toThrow();
  });
});

describe("realms", () => {
  it("creates, finds, lists, updates (partially) and deletes a realm", async () => {
    const realm = uniqueName("acme");
    const { realmName } = await kc.realms.create({ realm, enabled: true, displayName: "Acme Corp", attributes: { "gatehouse.brandColor": "#aa0000" } });
    expect(realmName).toBe(realm);

    const found = await kc.realms.findOne({ realm });
    expect(found).toMatchObject({ realm, enabled: true, displayName: "Acme Corp", attributes: { "gatehouse.brandColor": "#aa0000" }, bruteForceProtected: true, failureFactor: 5 });
    expect(found!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await kc.realms.find()).map((r) => r.realm)).toEqual(expect.arrayContaining(["master", realm]));

    // Fields left out keep their value; an attribute map, as in Keycloak, replaces the stored one.
    await kc.realms.update({ realm }, { enabled: false, attributes: { "gatehouse.logoUrl": "https://example.com/logo.png" } });
    const updated = await kc.realms.findOne({ realm });
    expect(updated).toMatchObject({ enabled: false, displayName: "Acme Corp" });
    expect(updated?.attributes).toEqual({ "gatehouse.logoUrl": "https://example.com/logo.png" });
    await kc.realms.update({ realm }, { displayName: "Acme" });
    expect((await kc.realms.findOne({ realm }))?.attributes).toEqual({ "gatehouse.logoUrl": "https://example.com/logo.png" });

    await kc.realms.del({ realm });
    expect(await kc.realms.findOne({ realm })).toBeNull();
  });

  it("answers 409 for a duplicate realm, 404 for an unknown one and 400 for a bad name or body", async () => {
    const realm = await newRealm();
    expect(await failure(kc.realms.create({ realm }))).toEqual({ status: 409, body: { errorMessage: "Conflict detected. See logs for details" } });

    const missing = await fetch(`${idp.url}/admin/realms/nope-${realm}`, { headers: { authorization: `Bearer ${kc.accessToken}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "Realm not found." });
    expect((await failure(kc.realms.update({ realm: `nope-${realm}` }, { enabled: true }))).status).toBe(404);

    expect((await failure(kc.realms.create({ realm: "a/b" }))).status).toBe(400);
    expect((await failure(kc.realms.create({ realm: "" }))).status).toBe(400);
    const badJson = await fetch(`${idp.url}/admin/realms`, {
      method: "POST",
      headers: { authorization: `Bearer ${kc.accessToken}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
  });

  it("deletes everything of a deleted realm", async () => {
    const realm = await newRealm();
    await kc.users.create({ realm, username: "someone", enabled: true });
    await kc.clients.create({ realm, clientId: "app" });
    await kc.realms.del({ realm });
    const { rows } = await idp.sql.query(
      "SELECT (SELECT count(*) FROM users WHERE realm = $1) + (SELECT count(*) FROM clients WHERE realm = $1) + (SELECT count(*) FROM signing_keys WHERE realm = $1) AS n",
      [realm],
    );
    expect(Number(rows[0].n)).toBe(0);
    await kc.realms.create({ realm });
    expect(await kc.users.count({ realm })).toBe(0);
  });
});

describe("clients and protocol mappers", () => {
  it("creates a confidential client, finds it by clientId, reads and regenerates its secret, updates and deletes it", async () => {
    const realm = await newRealm();
    const { id } = await kc.clients.create({
      realm,
      clientId: "gatehouse",
      name: "Gatehouse",
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: true,
      redirectUris: ["http://acme.localhost:3000/api/auth/callback/keycloak"],
      webOrigins: ["+"],
      attributes: { "post.logout.redirect.uris": "http://acme.localhost:3000/##http://acme.localhost:3000/bye" },
      protocolMappers: [
        {
          name: "tenant",
          protocol: "openid-connect",
          protocolMapper: "oidc-hardcoded-claim-mapper",
          config: { "claim.name": "tenant", "claim.value": realm, "id.token.claim": "true", "access.token.claim": "true", "userinfo.token.claim": "true" },
        },
      ],
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const [found, ...more] = await kc.clients.find({ realm, clientId: "gatehouse" });
    expect(more).toEqual([]);
    expect(found).toMatchObject({ id, clientId: "gatehouse", publicClient: false, serviceAccountsEnabled: true, protocol: "openid-connect", webOrigins: ["+"] });
    expect(found!.protocolMappers).toEqual([expect.objectContaining({ name: "tenant", protocolMapper: "oidc-hardcoded-claim-mapper" })]);
    expect(await kc.clients.find({ realm, clientId: "gate" })).toEqual([]);

    const secret = await kc.clients.getClientSecret({ realm, id });
    expect(secret).toEqual({ type: "secret", value: expect.stringMatching(/.{20,}/) });
    const regenerated = await kc.clients.generateNewClientSecret({ realm, id });
    expect(regenerated.value).not.toBe(secret.value);
    expect((await kc.clients.getClientSecret({ realm, id })).value).toBe(regenerated.value);

    await kc.clients.update({ realm, id }, { redirectUris: ["http://acme.localhost:3000/*"], attributes: { "pkce.code.challenge.method": "S256" } });
    const updated = await kc.clients.findOne({ realm, id });
    expect(updated).toMatchObject({
      redirectUris: ["http://acme.localhost:3000/*"],
      name: "Gatehouse",
      serviceAccountsEnabled: true,
      attributes: { "post.logout.redirect.uris": "http://acme.localhost:3000/##http://acme.localhost:3000/bye", "pkce.code.challenge.method": "S256" },
    });

    expect(await failure(kc.clients.create({ realm, clientId: "gatehouse" }))).toMatchObject({ status: 409 });

    await kc.clients.del({ realm, id });
    expect(await kc.clients.findOne({ realm, id })).toBeNull();
    expect(await kc.clients.findOne({ realm, id: "not-a-uuid" })).toBeNull();
  });

  it("pages clients with first and max", async () => {
    const realm = await newRealm();
    for (const clientId of ["c1", "c2", "c3"]) await kc.clients.create({ realm, clientId });
    expect((await kc.clients.find({ realm, first: 1, max: 1 })).map((c) => c.clientId)).toEqual(["c2"]);
  });

  it("adds, lists, updates and deletes protocol mappers; a duplicate name is a conflict", async () => {
    const realm = await newRealm();
    const { id } = await kc.clients.create({ realm, clientId: "app" });
    await kc.clients.addProtocolMapper(
      { realm, id },
      {
        name: "roles",
        protocol: "openid-connect",
        protocolMapper: "oidc-usermodel-realm-role-mapper",
        config: { "claim.name": "roles", multivalued: "true", "id.token.claim": "true" },
      },
    );
    const [mapper] = await kc.clients.listProtocolMappers({ realm, id });
    expect(mapper).toMatchObject({ name: "roles", protocolMapper: "oidc-usermodel-realm-role-mapper", config: { "claim.name": "roles", multivalued: "true" } });

    const duplicate = await failure(
      kc.clients.addProtocolMapper({ realm, id }, { name: "roles", protocol: "openid-connect", protocolMapper: "oidc-hardcoded-claim-mapper", config: {} }),
    );
    expect(duplicate).toEqual({ status: 409, body: { errorMessage: "Protocol mapper exists with same name" } });

    await kc.clients.updateProtocolMapper({ realm, id, mapperId: mapper!.id! }, { ...mapper, config: { ...mapper!.config, "access.token.claim": "true" } });
    expect((await kc.clients.findProtocolMapperById({ realm, id, mapperId: mapper!.id! }))!.config).toMatchObject({ "access.token.claim": "true" });
    expect(await kc.clients.findProtocolMapperByName({ realm, id, name: "roles" })).toMatchObject({ id: mapper!.id });

    await kc.clients.delProtocolMapper({ realm, id, mapperId: mapper!.id! });
    expect(await kc.clients.listProtocolMappers({ realm, id })).toEqual([]);
    expect((await failure(kc.clients.delProtocolMapper({ realm, id, mapperId: mapper!.id! }))).status).toBe(404);
  });
});

describe("realm roles", () => {
  it("creates, lists, finds, updates and deletes roles; a duplicate is a conflict", async () => {
    const realm = await newRealm();
    const { roleName } = await kc.roles.create({ realm, name: "tenant-admin", description: "Administers the tenant" });
    expect(roleName).toBe("tenant-admin");
    await kc.roles.create({ realm, name: "member" });
    expect((await kc.roles.find({ realm })).map((r) => r.name)).toEqual(["member", "tenant-admin"]);
    expect(await kc.roles.findOneByName({ realm, name: "tenant-admin" })).toMatchObject({
      name: "tenant-admin",
      description: "Administers the tenant",
      composite: false,
      clientRole: false,
    });
    expect(await kc.roles.findOneByName({ realm, name: "nope" })).toBeNull();
    expect((await failure(kc.roles.create({ realm, name: "member" }))).status).toBe(409);

    await kc.roles.updateByName({ realm, name: "member" }, { name: "member", description: "Any member" });
    const member = await kc.roles.findOneByName({ realm, name: "member" });
    expect(member).toMatchObject({ description: "Any member" });
    expect(await kc.roles.findOneById({ realm, id: member!.id! })).toMatchObject({ name: "member" });

    await kc.roles.delByName({ realm, name: "member" });
    expect(await kc.roles.findOneByName({ realm, name: "member" })).toBeNull();
  });
});

describe("users", () => {
  it("creates a user with a password, finds, updates and deletes it", async () => {
    const realm = await newRealm();
    const { id } = await kc.users.create({
      realm,
      username: "Alice",
      email: "Alice@Example.com",
      firstName: "Alice",
      lastName: "Liddell",
      enabled: true,
      emailVerified: true,
      attributes: { department: ["engineering"] },
      credentials: [{ type: "password", value: "correct horse", temporary: false }],
    });
    const alice = await kc.users.findOne({ realm, id });
    expect(alice).toMatchObject({
      id,
      username: "alice",
      email: "alice@example.com",
      firstName: "Alice",
      lastName: "Liddell",
      enabled: true,
      emailVerified: true,
      attributes: { department: ["engineering"] },
      requiredActions: [],
    });
    expect(alice!.createdTimestamp).toBeGreaterThan(Date.now() - 60_000);

    await kc.users.update({ realm, id }, { firstName: "Alicia" });
    expect(await kc.users.findOne({ realm, id })).toMatchObject({ firstName: "Alicia", lastName: "Liddell", email: "alice@example.com" });

    expect(await failure(kc.users.create({ realm, username: "ALICE" }))).toEqual({ status: 409, body: { errorMessage: "User exists with same username" } });
    expect(await failure(kc.users.create({ realm, username: "other", email: "alice@example.com" }))).toEqual({
      status: 409,
      body: { errorMessage: "User exists with same email" },
    });

    await kc.users.del({ realm, id });
    expect(await kc.users.findOne({ realm, id })).toBeNull();
    expect((await failure(kc.users.del({ realm, id }))).body).toEqual({ error: "User not found" });
  });

  it("ignores a username change unless the realm allows editing usernames, as Keycloak does", async () => {
    const realm = await newRealm();
    const { id } = await kc.users.create({ realm, username: "jane", enabled: true });
    await kc.users.update({ realm, id }, { username: "someone-else" });
    expect(await kc.users.findOne({ realm, id })).toMatchObject({ username: "jane" });
  });

  it("lets an admin change a username where the realm allows it; a taken one is a 409 and changes nothing", async () => {
    const realm = await newRealm();
    await kc.realms.update({ realm }, { editUsernameAllowed: true });
    const { id } = await kc.users.create({ realm, username: "jane", enabled: true });
    await kc.users.create({ realm, username: "taken", enabled: true });
    await kc.users.update({ realm, id }, { username: "Jane.Doe" });
    expect(await kc.users.findOne({ realm, id })).toMatchObject({ id, username: "jane.doe" });
    expect(await kc.users.find({ realm, username: "jane", exact: true })).toEqual([]);
    expect(await failure(kc.users.update({ realm, id }, { username: "taken" }))).toEqual({ status: 409, body: { errorMessage: "User exists with same username" } });
    expect(await kc.users.findOne({ realm, id })).toMatchObject({ username: "jane.doe" });
  });

  it("searches, filters, counts and pages users sorted by username", async () => {
    const realm = await newRealm();
    const people = [
      { username: "carol", email: "carol@acme.test", firstName: "Carol", lastName: "Danvers", enabled: true },
      { username: "bob", email: "bob@acme.test", firstName: "Bob", lastName: "Builder", enabled: false },
      { username: "alice", email: "alice@other.test", firstName: "Alice", lastName: "Carroll", enabled: true },
      { username: "dave", email: "dave@acme.test", firstName: "Dave", lastName: "Grohl", enabled: true, attributes: { team: ["red"] } },
    ];
    for (const person of people) await kc.users.create({ realm, ...person });

    expect((await kc.users.find({ realm })).map((u) => u.username)).toEqual(["alice", "bob", "carol", "dave"]);
    expect((await kc.users.find({ realm, search: "acme" })).map((u) => u.username)).toEqual(["bob", "carol", "dave"]);
    expect((await kc.users.find({ realm, search: "CAR" })).map((u) => u.username)).toEqual(["alice", "carol"]);
    expect((await kc.users.find({ realm, search: '"carol"' })).map((u) => u.username)).toEqual(["carol"]);
    expect((await kc.users.find({ realm, username: "carol", exact: true })).map((u) => u.username)).toEqual(["carol"]);
    expect((await kc.users.find({ realm, username: "car", exact: true })).map((u) => u.username)).toEqual([]);
    expect((await kc.users.find({ realm, email: "bob@acme.test" })).map((u) => u.username)).toEqual(["bob"]);
    expect((await kc.users.find({ realm, enabled: false })).map((u) => u.username)).toEqual(["bob"]);
    expect((await kc.users.find({ realm, q: "team:red" })).map((u) => u.username)).toEqual(["dave"]);
    expect((await kc.users.find({ realm, search: "acme", first: 1, max: 1 })).map((u) => u.username)).toEqual(["carol"]);
    expect((await kc.users.find({ realm, first: 3, max: 10 })).map((u) => u.username)).toEqual(["dave"]);

    expect(await kc.users.count({ realm })).toBe(4);
    expect(await kc.users.count({ realm, search: "acme" })).toBe(3);
    expect(await kc.users.count({ realm, email: "acme.test" })).toBe(3);
    expect(await kc.users.count({ realm, username: "carol" })).toBe(1);
  });

  it("applies the default max of 100", async () => {
    const realm = await newRealm();
    await idp.sql.query("INSERT INTO users (realm, username) SELECT $1, 'user' || lpad(i::text, 3, '0') FROM generate_series(1, 120) i", [realm]);
    expect(await kc.users.find({ realm })).toHaveLength(100);
    expect(await kc.users.count({ realm })).toBe(120);
  });

  it("resets a password (temporary → UPDATE_PASSWORD) and manages realm role mappings", async () => {
    const realm = await newRealm();
    const { id } = await kc.users.create({ realm, username: "erin", enabled: true });
    await kc.users.resetPassword({ realm, id, credential: { type: "password", value: "initial-pass", temporary: true } });
    expect((await kc.users.findOne({ realm, id }))!.requiredActions).toEqual(["UPDATE_PASSWORD"]);
    await kc.users.resetPassword({ realm, id, credential: { type: "password", value: "final-pass", temporary: false } });
    expect((await kc.users.findOne({ realm, id }))!.requiredActions).toEqual([]);

    await kc.roles.create({ realm, name: "tenant-admin" });
    await kc.roles.create({ realm, name: "auditor" });
    const admin = await kc.roles.findOneByName({ realm, name: "tenant-admin" });
    await kc.users.addRealmRoleMappings({ realm, id, roles: [{ id: admin!.id!, name: "tenant-admin" }, { name: "auditor" } as { id: string; name: string }] });
    expect((await kc.users.listRealmRoleMappings({ realm, id })).map((r) => r.name)).toEqual(["auditor", "tenant-admin"]);
    expect((await kc.roles.findUsersWithRole({ realm, name: "auditor" }))!.map((u) => u.username)).toEqual(["erin"]);
    expect((await kc.users.listRoleMappings({ realm, id })).realmMappings!.map((r) => r.name)).toEqual(["auditor", "tenant-admin"]);

    await kc.users.delRealmRoleMappings({ realm, id, roles: [{ id: admin!.id!, name: "tenant-admin" }] });
    expect((await kc.users.listRealmRoleMappings({ realm, id })).map((r) => r.name)).toEqual(["auditor"]);
    expect((await kc.users.listAvailableRealmRoleMappings({ realm, id })).map((r) => r.name)).toEqual(["tenant-admin"]);

    const missing = await failure(kc.users.addRealmRoleMappings({ realm, id, roles: [{ id: "00000000-0000-0000-0000-000000000000", name: "ghost" }] }));
    expect(missing.status).toBe(404);
  });

  it("creates realms and users disabled unless told otherwise, as Keycloak does", async () => {
    const realm = uniqueName("quiet");
    await kc.realms.create({ realm });
    expect((await kc.realms.findOne({ realm }))!.enabled).toBe(false);
    const { id } = await kc.users.create({ realm, username: "dormant" });
    expect((await kc.users.findOne({ realm, id }))!.enabled).toBe(false);
  });

  it("answers 400 for text PostgreSQL cannot store (NUL, unpaired surrogates) in a body, a query or a path, not 500", async () => {
    const realm = await newRealm();
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${idp.url}/admin/realms/${path}`, { ...init, headers: { authorization: `Bearer ${kc.accessToken}`, "content-type": "application/json", ...init.headers } });
    expect((await admin(`${realm}/users?search=a%00b`)).status).toBe(400);
    expect((await admin(`${realm}/users?username=%00`)).status).toBe(400);
    expect((await admin(`a%00b/users`)).status).toBe(400);
    expect((await admin(`${realm}/users`, { method: "POST", body: JSON.stringify({ username: "lone.user", attributes: { team: ["\ud800"] } }) })).status).toBe(400);
    const created = await admin(`${realm}/users`, { method: "POST", body: JSON.stringify({ username: "nul.user", firstName: "a\u0000b", enabled: true }) });
    expect(created.status).toBe(400);
    expect(await created.json()).toMatchObject({ error: "invalid_request", errorMessage: expect.stringContaining("firstName") });
  });

  it("answers 404 for unknown users and 400 for invalid ones", async () => {
    const realm = await newRealm();
    expect(await kc.users.findOne({ realm, id: "00000000-0000-0000-0000-000000000000" })).toBeNull();
    expect(await failure(kc.users.update({ realm, id: "nope" }, { enabled: false }))).toEqual({ status: 404, body: { error: "User not found" } });
    expect((await failure(kc.users.create({ realm, username: "  " }))).status).toBe(400);
    expect((await failure(kc.users.create({ realm, username: "x", email: "not-an-email" }))).status).toBe(400);
    expect((await failure(kc.users.find({ realm: `nope-${realm}` }))).body).toEqual({ error: "Realm not found." });
  });
});
