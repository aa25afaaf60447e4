// The same operations of lib/identity, unchanged, against the embedded identity server and a real
// Keycloak: whatever Gatehouse relies on an identity server for is pinned down here.
import { randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityAdmin, resetIdentityAdmin } from "@/lib/identity/admin";
import { issuerFor } from "@/lib/identity/config";
import { deleteRealm, ensureRealm, realmExists, setRealmEnabled } from "@/lib/identity/realms";
import { APP_CLIENT_ID, countAppClients, ensureAppClient } from "@/lib/identity/clients";
import { syncRealmRoles, TENANT_ROLES } from "@/lib/identity/roles";
import { countUsers, createUser, findUserByUsername, grantRealmRoles, realmRolesOf, resetPassword, setUserEnabled } from "@/lib/identity/users";

const realmName = (p: string) => `ct-${p}-${randomBytes(3).toString("hex")}`;

/** Runs the suite with the identity environment switched to `target`, restoring it afterwards. */
function contract(label: string, target: () => Record<string, string | undefined>, enabled: boolean) {
  describe.skipIf(!enabled)(label, () => {
    const saved: Record<string, string | undefined> = {};
    const realms: string[] = [];
    beforeAll(() => {
      for (const [k, v] of Object.entries(target())) {
        saved[k] = process.env[k];
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetIdentityAdmin();
    });
    afterAll(async () => {
      for (const r of realms) await deleteRealm(r);
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetIdentityAdmin();
    });

    it("ensures a realm idempotently and updates its display name", async () => {
      const name = realmName("realm");
      realms.push(name);
      await ensureRealm({ name, displayName: "First", enabled: true });
      await ensureRealm({ name, displayName: "Second", enabled: true, attributes: { "gatehouse.brandColor": "#112233" } });
      const admin = await identityAdmin();
      const realm = await admin.realms.findOne({ realm: name });
      expect(realm).toMatchObject({ realm: name, displayName: "Second", enabled: true });
      expect((await admin.realms.find()).filter((r) => r.realm === name)).toHaveLength(1);
      await setRealmEnabled(name, false);
      expect((await admin.realms.findOne({ realm: name }))?.enabled).toBe(false);
    });

    it("ensures one app client with its secret and the tenant and roles mappers", async () => {
      const name = realmName("client");
      realms.push(name);
      await ensureRealm({ name, displayName: name, enabled: true });
      const spec = { realm: name, secret: "s3cret-value", origins: ["http://acme.localhost:3000"], tenantKey: name };
      const id = await ensureAppClient(spec);
      expect(await ensureAppClient({ ...spec, origins: [...spec.origins, "http://login.acme.example"] })).toBe(id);
      expect(await countAppClients(name)).toBe(1);
      const admin = await identityAdmin();
      const client = await admin.clients.findOne({ realm: name, id });
      expect(client?.redirectUris?.sort()).toEqual(["http://acme.localhost:3000/api/auth/callback/keycloak", "http://login.acme.example/api/auth/callback/keycloak"]);
      expect((await admin.clients.getClientSecret({ realm: name, id })).value).toBe("s3cret-value");
      const mappers = await admin.clients.listProtocolMappers({ realm: name, id });
      expect(mappers.map((m) => m.name).sort()).toEqual(["roles", "tenant"]);
      expect(mappers.find((m) => m.name === "tenant")?.config?.["claim.value"]).toBe(name);
    });

    it("syncs roles and manages users: create, conflict, find, roles, password, disable, count", async () => {
      const name = realmName("users");
      realms.push(name);
      await ensureRealm({ name, displayName: name, enabled: true });
      await syncRealmRoles(name, TENANT_ROLES);
      await syncRealmRoles(name, TENANT_ROLES);
      const admin = await identityAdmin();
      expect((await admin.roles.find({ realm: name })).map((r) => r.name)).toEqual(expect.arrayContaining([...TENANT_ROLES]));

      const user = await createUser(name, { username: "Asha", email: "asha@example.com", firstName: "Asha" }, "pw-1-long-enough", ["member"]);
      expect(user).toMatchObject({ username: "asha", enabled: true });
      expect(await createUser(name, { username: "asha" }, "pw-2-long-enough", [])).toBeNull();
      expect(await findUserByUsername(name, "asha")).toMatchObject({ id: user!.id });
      expect(await findUserByUsername(name, "nobody")).toBeNull();
      await grantRealmRoles(name, user!.id, ["auditor"]);
      expect(await realmRolesOf(name, user!.id)).toEqual(expect.arrayContaining(["member", "auditor"]));
      await resetPassword(name, user!.id, "pw-3-long-enough");
      await setUserEnabled(name, user!.id, false);
      expect((await findUserByUsername(name, "asha"))?.enabled).toBe(false);
      await createUser(name, { username: "bob" }, "pw-4-long-enough", []);
      expect(await countUsers(name)).toBe(2);
      expect(await countUsers(name, "ash")).toBe(1);
    });

    it("deletes a realm", async () => {
      const name = realmName("gone");
      await ensureRealm({ name, displayName: name, enabled: true });
      await deleteRealm(name);
      await deleteRealm(name); // absent is fine
      expect(await realmExists(name)).toBe(false);
    });

    it("issues tokens that verify only against their own realm", async () => {
      const [a, b] = [realmName("a"), realmName("b")];
      realms.push(a, b);
      const admin = await identityAdmin();
      for (const realm of [a, b]) {
        await ensureRealm({ name: realm, displayName: realm, enabled: true });
        await admin.clients.create({ realm, clientId: "machine", secret: "machine-secret", publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false, protocol: "openid-connect" });
      }
      const configA = await oidc.discovery(new URL(issuerFor(a)), "machine", "machine-secret", undefined, { execute: [oidc.allowInsecureRequests] });
      const { access_token } = await oidc.clientCredentialsGrant(configA);

      const certs = (realm: string) => createRemoteJWKSet(new URL(`${issuerFor(realm)}/protocol/openid-connect/certs`));
      await expect(jwtVerify(access_token, certs(a), { issuer: issuerFor(a) })).resolves.toBeTruthy();
      await expect(jwtVerify(access_token, certs(b), { issuer: issuerFor(b) })).rejects.toThrow();
      await expect(jwtVerify(access_token, certs(a), { issuer: issuerFor(b) })).rejects.toThrow();
      expect(APP_CLIENT_ID).toBe("gatehouse");
    });
  });
}

const embeddedEnv = { KEYCLOAK_URL: undefined, KEYCLOAK_ADMIN_URL: undefined, KEYCLOAK_ADMIN_CLIENT_ID: undefined, KEYCLOAK_ADMIN_CLIENT_SECRET: undefined, KEYCLOAK_ADMIN_USERNAME: process.env.KEYCLOAK_ADMIN_USERNAME, KEYCLOAK_ADMIN_PASSWORD: process.env.KEYCLOAK_ADMIN_PASSWORD };
contract("identity adapter against the embedded identity server", () => embeddedEnv, true);

// tests/global-setup.ts starts Keycloak unless GATEHOUSE_TEST_KEYCLOAK=off (refused in CI).
const keycloakEnv = process.env.GATEHOUSE_TEST_KEYCLOAK_ENV ? (JSON.parse(process.env.GATEHOUSE_TEST_KEYCLOAK_ENV) as Record<string, string>) : null;
contract(
  keycloakEnv ? `identity adapter against Keycloak at ${keycloakEnv.KEYCLOAK_URL}` : "identity adapter against Keycloak — skipped: GATEHOUSE_TEST_KEYCLOAK=off",
  () => keycloakEnv ?? {},
  Boolean(keycloakEnv),
);
