// The same operations of lib/identity, unchanged, against the embedded identity server and a real
// Keycloak: whatever Gatehouse relies on an identity server for is pinned down here.
import { randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { expect, it } from "vitest";
import { identityAdmin, withAdmin } from "@/lib/identity/admin";
import { identityConfig, issuerFor } from "@/lib/identity/config";
import { deleteRealm, ensureRealm, realmExists, setRealmBranding, setRealmEnabled, setRealmFrontendUrl } from "@/lib/identity/realms";
import { APP_CLIENT_ID, countAppClients, ensureAppClient } from "@/lib/identity/clients";
import { gatehouseRoles, syncRealmRoles, TENANT_ROLES } from "@/lib/identity/roles";
import { fetchLoginEvents } from "@/lib/identity/events";
import {
  countUsers,
  createUser,
  findUserById,
  findUserByUsername,
  grantRealmRoles,
  realmRolesOf,
  renameUser,
  resetPassword,
  setTenantRole,
  setUserEnabled,
  updateUserProfile,
} from "@/lib/identity/users";
import { discoveryUrl, forgetRealmDiscovery } from "@/lib/identity/discovery";
import { codeFlowLogin, endSession } from "@/tests/support/oidc-login";
import { passwordAccepted } from "@/tests/support/identity-login";
import { describeOnServer, identityServers, type IdentityServer } from "@/tests/support/identity-servers";

const realmName = (p: string) => `ct-${p}-${randomBytes(3).toString("hex")}`;

const APP = { origin: "http://app.contract.test", secret: "contract-app-secret" };
const REDIRECT_URI = `${APP.origin}/api/auth/callback/keycloak`;

/** A realm as provisioning leaves it: settings, roles, and the app's client with its mappers. */
async function tenantRealm(name: string): Promise<void> {
  await ensureRealm({ name, displayName: name, enabled: true });
  await syncRealmRoles(name, TENANT_ROLES);
  await ensureAppClient({ realm: name, secret: APP.secret, origins: [APP.origin], tenantKey: name });
}

const login = (realm: string, username: string, password: string, extra: { newPassword?: string; issuer?: string } = {}) =>
  codeFlowLogin({ issuer: extra.issuer ?? issuerFor(realm), clientId: APP_CLIENT_ID, clientSecret: APP.secret, redirectUri: REDIRECT_URI, username, password, newPassword: extra.newPassword });

const oidcEndSession = (result: Awaited<ReturnType<typeof login>>) => result.config.serverMetadata().end_session_endpoint ?? "";

const sessionsOf = (realm: string, id: string) => withAdmin((admin) => admin.users.listSessions({ realm, id }));

/** Runs the suite with the identity environment switched to `server`, restoring it afterwards. */
function contract(server: IdentityServer) {
  const realms: string[] = [];
  const cleanup = async () => {
    for (const r of realms) await deleteRealm(r);
  };
  describeOnServer(`identity adapter against ${server.label}`, server, () => {

    it("ensures a realm idempotently and updates its display name", async () => {
      const name = realmName("realm");
      realms.push(name);
      await ensureRealm({ name, displayName: "First", enabled: true });
      await ensureRealm({ name, displayName: "Second", enabled: true, attributes: { "gatehouse.brandColor": "#112233" } });
      const admin = await identityAdmin();
      const realm = await admin.realms.findOne({ realm: name });
      // The display name is the creation's; afterwards branding owns it.
      expect(realm).toMatchObject({ realm: name, displayName: "First", enabled: true, attributes: expect.objectContaining({ "gatehouse.brandColor": "#112233" }) });
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

    it("keeps every attribute through ensure → frontendUrl → branding → ensure, and sets the login theme and editable usernames", async () => {
      const name = realmName("attrs");
      realms.push(name);
      await ensureRealm({ name, displayName: "Acme", enabled: true, attributes: { "gatehouse.tier": "gold" } });
      await setRealmFrontendUrl(name, "https://login.acme.test");
      await setRealmBranding(name, { displayName: "Acme Corp", tagline: "Sign in to Acme", color: "#ffcc00", logoUrl: "https://acme.test/logo.png" });
      await ensureRealm({ name, displayName: "Ignored later", enabled: true });
      const realm = await withAdmin((admin) => admin.realms.findOne({ realm: name }));
      expect(realm?.attributes).toMatchObject({
        "gatehouse.tier": "gold",
        frontendUrl: "https://login.acme.test",
        "gatehouse.tagline": "Sign in to Acme",
        "gatehouse.brandColor": "#ffcc00",
        "gatehouse.onBrandColor": "#000000",
        "gatehouse.logoUrl": "https://acme.test/logo.png",
      });
      expect(realm).toMatchObject({ displayName: "Acme Corp", loginTheme: "gatehouse", editUsernameAllowed: true });
      await setRealmFrontendUrl(name, null);
      expect((await withAdmin((admin) => admin.realms.findOne({ realm: name })))?.attributes).toMatchObject({ "gatehouse.brandColor": "#ffcc00", "gatehouse.tier": "gold" });
    });

    it("holds users to the profile Gatehouse configures: nothing but a username required, Keycloak's name rules", async () => {
      const name = realmName("profile");
      realms.push(name);
      await tenantRealm(name);
      const profile = await withAdmin((admin) => admin.users.getProfile({ realm: name }));
      const attribute = (n: string) => profile.attributes?.find((a) => a.name === n);
      expect(attribute("username")?.validations).toMatchObject({ length: { min: 3, max: 255 } });
      for (const optional of ["email", "firstName", "lastName"]) expect(attribute(optional)?.required).toBeUndefined();
      const refusal = (spec: Parameters<typeof createUser>[1]) => createUser(name, spec, "pw-profile-long-enough", []).then(() => 201, (error) => error?.response?.status);
      expect(await refusal({ username: "ab" })).toBe(400);
      expect(await refusal({ username: "bad-name", firstName: "Bob <b>" })).toBe(400);
      expect(await refusal({ username: "bad-last", lastName: "Line\nbreak" })).toBe(400);
      expect(await refusal({ username: "fine-name", firstName: "Zoë", lastName: "O'Brien-Núñez" })).toBe(201);
    });

    it("signs in a user without email or names by the code flow with PKCE, with no extra page, and the ID token says who and where", async () => {
      const name = realmName("code");
      realms.push(name);
      await tenantRealm(name);
      const user = await createUser(name, { username: "plain-user" }, "pw-plain-long-enough", ["member"]);
      const { claims, browser } = await login(name, "plain-user", "pw-plain-long-enough");
      expect(browser.pages).toEqual(["login"]);
      expect(claims).toMatchObject({ tenant: name, preferred_username: "plain-user", sub: user!.id });
      expect(claims.roles).toEqual(expect.arrayContaining(["member"]));
      expect(gatehouseRoles(claims.roles)).toEqual(["member"]);
      expect(await passwordAccepted(name, "plain-user", "pw-plain-long-enough")).toBe(true);
    });

    it("makes a user with a temporary password choose a new one, then signs them in with it", async () => {
      const name = realmName("temp");
      realms.push(name);
      await tenantRealm(name);
      await createUser(name, { username: "temp-user" }, "pw-temporary-1", ["member"], { temporary: true });
      expect(await passwordAccepted(name, "temp-user", "pw-temporary-1")).toBe(false);
      const { claims, browser } = await login(name, "temp-user", "pw-temporary-1", { newPassword: "pw-chosen-long-enough" });
      expect(browser.pages).toEqual(["login", "update-password"]);
      expect(claims.preferred_username).toBe("temp-user");
      expect(await passwordAccepted(name, "temp-user", "pw-chosen-long-enough")).toBe(true);
      expect(await passwordAccepted(name, "temp-user", "pw-temporary-1")).toBe(false);
    });

    it("renames a user: the new name signs in, the old one does not", async () => {
      const name = realmName("rename");
      realms.push(name);
      await tenantRealm(name);
      const user = await createUser(name, { username: "old-name" }, "pw-rename-long-enough", ["member"]);
      await renameUser(name, user!.id, "new-name");
      expect((await findUserById(name, user!.id))?.username).toBe("new-name");
      expect(await passwordAccepted(name, "new-name", "pw-rename-long-enough")).toBe(true);
      expect(await passwordAccepted(name, "old-name", "pw-rename-long-enough")).toBe(false);
    });

    it("clears a profile, swaps the tenant role, and disabling refuses the grant and ends the sessions", async () => {
      const name = realmName("life");
      realms.push(name);
      await tenantRealm(name);
      const user = await createUser(name, { username: "life-user", email: "life@example.com", firstName: "Li", lastName: "Fe" }, "pw-life-long-enough", ["member"]);
      await updateUserProfile(name, user!.id, { email: null, firstName: null, lastName: null });
      const cleared = await withAdmin((admin) => admin.users.findOne({ realm: name, id: user!.id }));
      expect([cleared?.email || null, cleared?.firstName || null, cleared?.lastName || null]).toEqual([null, null, null]);

      await setTenantRole(name, user!.id, "auditor");
      expect(await realmRolesOf(name, user!.id)).toEqual(expect.arrayContaining(["auditor"]));
      expect(await realmRolesOf(name, user!.id)).not.toContain("member");
      const { claims, browser } = await login(name, "life-user", "pw-life-long-enough");
      expect(browser.pages).toEqual(["login"]);
      expect(gatehouseRoles(claims.roles)).toEqual(["auditor"]);
      expect(await sessionsOf(name, user!.id)).not.toHaveLength(0);

      await setUserEnabled(name, user!.id, false);
      expect(await sessionsOf(name, user!.id)).toHaveLength(0);
      expect(await passwordAccepted(name, "life-user", "pw-life-long-enough")).toBe(false);
      await setUserEnabled(name, user!.id, true);
      expect(await passwordAccepted(name, "life-user", "pw-life-long-enough")).toBe(true);
    });

    it("reports sign-ins and failures as login events, the same ones on every read, filtered by date", async () => {
      const name = realmName("events");
      realms.push(name);
      await tenantRealm(name);
      await createUser(name, { username: "event-user" }, "pw-events-long-enough", ["member"]);
      const before = Date.now() - 1_000;
      expect(await passwordAccepted(name, "event-user", "pw-events-long-enough")).toBe(true);
      expect(await passwordAccepted(name, "event-user", "wrong-password")).toBe(false);
      const read = async () => fetchLoginEvents(name, { sinceMs: before, first: 0, max: 100 });
      await expect.poll(async () => (await read()).map((e) => e.type).sort(), { timeout: 10_000 }).toEqual(["LOGIN", "LOGIN_ERROR"]);
      const [first, second] = [await read(), await read()];
      expect(second.map((e) => e.id).sort()).toEqual(first.map((e) => e.id).sort());
      expect(first.find((e) => e.type === "LOGIN")?.username).toBe("event-user");
      expect(await fetchLoginEvents(name, { sinceMs: Date.now() + 24 * 3_600_000, first: 0, max: 100 })).toEqual([]);
    });

    it("locks an account after repeated failures, even for the right password", async () => {
      const name = realmName("brute");
      realms.push(name);
      await tenantRealm(name);
      const user = await createUser(name, { username: "brute-user" }, "pw-brute-long-enough", ["member"]);
      for (let i = 0; i < 5; i++) expect(await passwordAccepted(name, "brute-user", `wrong-${i}`)).toBe(false);
      await expect.poll(() => passwordAccepted(name, "brute-user", "pw-brute-long-enough"), { timeout: 5_000 }).toBe(false);
      const status = await withAdmin((admin) => admin.attackDetection.findOne({ realm: name, id: user!.id }));
      expect(status).toMatchObject({ disabled: true });
      await withAdmin((admin) => admin.attackDetection.del({ realm: name, id: user!.id }));
      expect(await passwordAccepted(name, "brute-user", "pw-brute-long-enough")).toBe(true);
    });

    it("ends the session at the end-session endpoint, also on a realm with a frontendUrl", async () => {
      const name = realmName("logout");
      realms.push(name);
      await tenantRealm(name);
      const user = await createUser(name, { username: "bye-user" }, "pw-logout-long-enough", ["member"]);
      const session = await login(name, "bye-user", "pw-logout-long-enough");
      expect(await sessionsOf(name, user!.id)).toHaveLength(1);
      await endSession(session, `${APP.origin}/`);
      expect(await sessionsOf(name, user!.id)).toHaveLength(0);

      // Another origin of the same server stands in for the custom domain: the issuer moves there.
      const base = new URL(identityConfig().baseUrl);
      const frontend = `${base.protocol}//127.0.0.1:${base.port}`;
      await setRealmFrontendUrl(name, frontend);
      const issuer = `${frontend}/realms/${name}`;
      const onDomain = await login(name, "bye-user", "pw-logout-long-enough", { issuer });
      expect(onDomain.claims.iss).toBe(issuer);
      expect(oidcEndSession(onDomain)).toMatch(new RegExp(`^${frontend}/`));
      expect(await sessionsOf(name, user!.id)).toHaveLength(1);
      await endSession(onDomain, `${APP.origin}/`);
      expect(await sessionsOf(name, user!.id)).toHaveLength(0);
    });

    it("keeps the back-channel endpoints on the address the app calls when a frontendUrl moves the realm to a domain only browsers resolve", async () => {
      const name = realmName("domain");
      realms.push(name);
      await tenantRealm(name);
      const frontend = `http://login.only-browsers-resolve.test:${new URL(identityConfig().baseUrl).port}`;
      await setRealmFrontendUrl(name, frontend);
      forgetRealmDiscovery(name);
      const document = (await (await fetch(discoveryUrl(name))).json()) as Record<string, string>;
      const backchannel = new URL(discoveryUrl(name)).origin;
      expect(document.issuer).toBe(`${frontend}/realms/${name}`);
      for (const browserFacing of ["authorization_endpoint", "end_session_endpoint"]) expect(document[browserFacing]).toMatch(new RegExp(`^${frontend}/`));
      for (const serverSide of ["token_endpoint", "userinfo_endpoint", "jwks_uri", "introspection_endpoint"]) expect(document[serverSide]).toMatch(new RegExp(`^${backchannel}/`));
      expect((await fetch(document.jwks_uri!)).ok).toBe(true);
    });

    it("refuses sign-in while the realm is disabled and accepts it again once enabled", async () => {
      const name = realmName("off");
      realms.push(name);
      await tenantRealm(name);
      await createUser(name, { username: "off-user" }, "pw-off-long-enough", ["member"]);
      await setRealmEnabled(name, false);
      expect(await passwordAccepted(name, "off-user", "pw-off-long-enough")).toBe(false);
      await setRealmEnabled(name, true);
      expect(await passwordAccepted(name, "off-user", "pw-off-long-enough")).toBe(true);
    });

    it("purges a realm and creates it again under the same name, users and roles included", async () => {
      const name = realmName("again");
      realms.push(name);
      await tenantRealm(name);
      await createUser(name, { username: "same-user" }, "pw-first-long-enough", ["tenant-admin"]);
      await deleteRealm(name);
      await tenantRealm(name);
      const again = await createUser(name, { username: "same-user" }, "pw-second-long-enough", ["tenant-admin"]);
      expect(again).not.toBeNull();
      expect(await realmRolesOf(name, again!.id)).toContain("tenant-admin");
      expect(await passwordAccepted(name, "same-user", "pw-second-long-enough")).toBe(true);
      expect(await passwordAccepted(name, "same-user", "pw-first-long-enough")).toBe(false);
    });

    it("recovers when its admin session is revoked: the next call signs in again", async () => {
      const stale = (await identityAdmin()).accessToken!;
      // Keycloak's "revocation": tokens issued before the master realm's notBefore are refused.
      const notBefore = Math.floor(Date.now() / 1000) + 1;
      await withAdmin((admin) => admin.realms.update({ realm: "master" }, { notBefore }));
      await new Promise((r) => setTimeout(r, Math.max(0, notBefore * 1000 - Date.now()) + 200));
      const refused = await fetch(`${identityConfig().adminUrl}/admin/realms/master`, { headers: { authorization: `Bearer ${stale}` } });
      expect(refused.status).toBe(401);
      expect(await withAdmin((admin) => admin.realms.findOne({ realm: "master" }))).toMatchObject({ realm: "master" });
      expect((await identityAdmin()).accessToken).not.toBe(stale);
    });

    it("signs in again when its token expires between two calls of one operation, without needing a refresh token", async () => {
      const expired = (ttl: number) => `e30.${Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + ttl })).toString("base64url")}.x`;
      const realms = await withAdmin(async (admin) => {
        const first = await admin.realms.findOne({ realm: "master" });
        // The token runs out mid-operation; a service account has no refresh token to fall back on.
        admin.setAccessToken(expired(-60));
        admin.setRefreshToken(expired(-60));
        return [first, await admin.realms.findOne({ realm: "master" })];
      });
      expect(realms.map((realm) => realm?.realm)).toEqual(["master", "master"]);
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
  }, cleanup);
}

// tests/global-setup.ts starts Keycloak unless GATEHOUSE_TEST_KEYCLOAK=off (refused in CI).
for (const server of identityServers) contract(server);
