// The same operations of lib/identity, unchanged, against the embedded identity server and a real
// Keycloak: whatever Gatehouse relies on an identity server for is pinned down here.
import { randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { expect, it } from "vitest";
import { identityAdmin, resetIdentityAdmin, withAdmin } from "@/lib/identity/admin";
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
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, REALM_PASSWORD_POLICY } from "@/shared/password-policy";
import { codeFlowLogin, endSession, loginPageAnswers, type LoginPageAnswer } from "@/tests/support/oidc-login";
import { passwordAccepted, passwordGrant, type PasswordGrantAnswer } from "@/tests/support/identity-login";
import { fetchFrom } from "@/tests/support/from-address";
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
  codeFlowLogin({
    issuer: extra.issuer ?? issuerFor(realm),
    clientId: APP_CLIENT_ID,
    clientSecret: APP.secret,
    redirectUri: REDIRECT_URI,
    username,
    password,
    newPassword: extra.newPassword,
  });

const oidcEndSession = (result: Awaited<ReturnType<typeof login>>) => result.config.serverMetadata().end_session_endpoint ?? "";

const sessionsOf = (realm: string, id: string) => withAdmin((admin) => admin.users.listSessions({ realm, id }));

const loginPage = (realm: string, attempts: { username: string; password: string }[], from: string) =>
  loginPageAnswers({ issuer: issuerFor(realm), clientId: APP_CLIENT_ID, clientSecret: APP.secret, redirectUri: REDIRECT_URI, attempts, fetch: fetchFrom(from) });

/** An answer with its numbers (a "try again in N seconds" hint) written as N, to compare two series. */
const shape = (answer: PasswordGrantAnswer | LoginPageAnswer) =>
  "status" in answer
    ? {
        ...answer,
        ...("alert" in answer ? { alert: answer.alert.replace(/\d+/g, "N") } : { description: answer.description.replace(/\d+/g, "N") }),
        retryAfter: answer.retryAfter !== null,
      }
    : answer;

/** Whether the identity server has the user temporarily locked out (anywhere, for Keycloak's per-user count). */
const lockedOut = (realm: string, id: string) => withAdmin(async (admin) => Boolean((await admin.attackDetection.findOne({ realm, id }))?.disabled));

/** Seconds from now until the user's lockout has passed (polling the attack-detection status). */
async function secondsLockedOut(realm: string, id: string): Promise<number> {
  const started = Date.now();
  await expect.poll(() => lockedOut(realm, id), { timeout: 5_000, interval: 50 }).toBe(true);
  await expect.poll(() => lockedOut(realm, id), { timeout: 60_000, interval: 100 }).toBe(false);
  return (Date.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Milliseconds one password grant takes. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** A password grant at the master realm's `admin-cli`, as the app's admin client would sign in with a password. */
async function masterPasswordGrant(username: string, password: string, from: string): Promise<number> {
  const response = await fetchFrom(from)(`${identityConfig().baseUrl}/realms/master/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username, password }).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Runs the suite with the identity environment switched to `server`, restoring it afterwards. */
function contract(server: IdentityServer) {
  const realms: string[] = [];
  const cleanup = async () => {
    for (const r of realms) await deleteRealm(r);
  };
  describeOnServer(
    `identity adapter against ${server.label}`,
    server,
    () => {
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

      it("holds every password to Gatehouse's policy: the realm refuses a too-short one set through the admin API", async () => {
        const name = realmName("policy");
        realms.push(name);
        await tenantRealm(name);
        expect((await withAdmin((admin) => admin.realms.findOne({ realm: name })))?.passwordPolicy).toBe(REALM_PASSWORD_POLICY);
        const refusal = (call: Promise<unknown>) =>
          call.then(
            () => "accepted",
            (error: { response?: Response; responseData?: unknown }) => ({ status: error.response?.status, body: error.responseData }),
          );
        const short = "x".repeat(PASSWORD_MIN_LENGTH - 1);
        const tooShort = { status: 400, body: { error: "invalidPasswordMinLengthMessage" } };
        expect(await refusal(createUser(name, { username: "shorty" }, short, []))).toMatchObject(tooShort);
        expect(await findUserByUsername(name, "shorty")).toBeNull();
        const enough = "y".repeat(PASSWORD_MIN_LENGTH);
        const user = await createUser(name, { username: "enough" }, enough, ["member"]);
        expect(await refusal(resetPassword(name, user!.id, short))).toMatchObject(tooShort);
        expect(await refusal(resetPassword(name, user!.id, "z".repeat(PASSWORD_MAX_LENGTH + 1)))).toMatchObject({
          status: 400,
          body: { error: "invalidPasswordMaxLengthMessage" },
        });
        expect(await passwordAccepted(name, "enough", enough)).toBe(true);
        expect(await passwordAccepted(name, "enough", short)).toBe(false);
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
        const refusal = (spec: Parameters<typeof createUser>[1]) =>
          createUser(name, spec, "pw-profile-long-enough", []).then(
            () => 201,
            (error) => error?.response?.status,
          );
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

      it("locks an account after repeated failures, even for the right password, until an admin clears it", async () => {
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

      it("configures each realm's brute-force detection: temporary, growing by each failure, short", async () => {
        const name = realmName("bfset");
        realms.push(name);
        await tenantRealm(name);
        const realm = await withAdmin((admin) => admin.realms.findOne({ realm: name }));
        expect(realm).toMatchObject({
          bruteForceProtected: true,
          permanentLockout: false,
          bruteForceStrategy: "LINEAR",
          failureFactor: 5,
          waitIncrementSeconds: 30,
          maxFailureWaitSeconds: 300,
          maxDeltaTimeSeconds: 43_200,
        });
        // Keycloak's "quick login" wait (60 s after two failures within a second) is off; the embedded server has none.
        if (server.kind === "keycloak") expect(realm).toMatchObject({ minimumQuickLoginWaitSeconds: 0 });
      });

      it("answers an unknown username exactly as a known one with a wrong password, also once failures pile up, at the token endpoint and on the login page", async () => {
        const name = realmName("oracle");
        realms.push(name);
        await tenantRealm(name);
        await createUser(name, { username: "known-user" }, "pw-oracle-long-enough", ["member"]);
        // Each series from an address of its own, so neither's failures count against the other's.
        const grants = async (username: string, from: string) => {
          const answers: PasswordGrantAnswer[] = [];
          for (let i = 0; i < 7; i++) answers.push(await passwordGrant(name, username, `wrong-${i}`, fetchFrom(from)));
          return answers;
        };
        const known = await grants("known-user", "127.0.0.11");
        const unknown = await grants("unknown-user", "127.0.0.12");
        expect(known.map(shape)).toEqual(unknown.map(shape));
        for (const answer of known) expect(answer).toMatchObject({ error: "invalid_grant", description: expect.stringMatching(/^Invalid user credentials/) });

        const attempts = (username: string) => Array.from({ length: 7 }, (_, i) => ({ username, password: `wrong-${i}` }));
        const knownPage = await loginPage(name, attempts("known-user"), "127.0.0.13");
        const unknownPage = await loginPage(name, attempts("unknown-user"), "127.0.0.14");
        expect(knownPage.map(shape)).toEqual(unknownPage.map(shape));
        for (const answer of knownPage) expect(answer).toMatchObject({ signedIn: false, alert: expect.stringMatching(/^Invalid username or password\./) });

        // And in comparable time: an unknown username costs a password hash too.
        const knownMs: number[] = [];
        const unknownMs: number[] = [];
        for (let i = 0; i < 5; i++) {
          knownMs.push(await timed(() => passwordGrant(name, "known-user", `slow-${i}`, fetchFrom(`127.0.0.${21 + i}`))));
          unknownMs.push(await timed(() => passwordGrant(name, `nobody-${i}`, `slow-${i}`, fetchFrom(`127.0.0.${31 + i}`))));
        }
        expect(median(unknownMs)).toBeGreaterThan(median(knownMs) / 3);
        expect(median(unknownMs)).toBeLessThan(median(knownMs) * 3);
      });

      it("throttles failures by account and client address: the user still signs in from another address (Keycloak counts per account)", async () => {
        const name = realmName("peraddr");
        realms.push(name);
        await tenantRealm(name);
        await withAdmin((admin) => admin.realms.update({ realm: name }, { failureFactor: 3, waitIncrementSeconds: 5, maxFailureWaitSeconds: 60 }));
        const user = await createUser(name, { username: "addr-user" }, "pw-addr-long-enough", ["member"]);
        const [attacker, owner] = [fetchFrom("127.0.0.2"), fetchFrom("127.0.0.3")];
        for (let i = 0; i < 3; i++) expect(await passwordAccepted(name, "addr-user", `wrong-${i}`, attacker)).toBe(false);
        await expect.poll(() => lockedOut(name, user!.id), { timeout: 5_000 }).toBe(true);
        expect(await passwordAccepted(name, "addr-user", "pw-addr-long-enough", attacker)).toBe(false);
        if (server.kind === "embedded") {
          // The attacker's address waits; the owner's does not, and signing in there leaves the attacker's wait.
          expect(await passwordAccepted(name, "addr-user", "pw-addr-long-enough", owner)).toBe(true);
          expect(await passwordAccepted(name, "addr-user", "pw-addr-long-enough", attacker)).toBe(false);
        } else {
          // Keycloak's brute-force detection counts per account: the owner waits too, but only the short wait.
          expect(await passwordAccepted(name, "addr-user", "pw-addr-long-enough", owner)).toBe(false);
          await expect.poll(() => lockedOut(name, user!.id), { timeout: 15_000, interval: 200 }).toBe(false);
          expect(await passwordAccepted(name, "addr-user", "pw-addr-long-enough", owner)).toBe(true);
        }
      });

      it("makes every further failure wait longer than the one before", async () => {
        const name = realmName("grow");
        realms.push(name);
        await tenantRealm(name);
        await withAdmin((admin) => admin.realms.update({ realm: name }, { failureFactor: 2, waitIncrementSeconds: 2, maxFailureWaitSeconds: 60 }));
        const user = await createUser(name, { username: "grow-user" }, "pw-grow-long-enough", ["member"]);
        const from = fetchFrom("127.0.0.4");
        await passwordGrant(name, "grow-user", "wrong-1", from);
        const second = await passwordGrant(name, "grow-user", "wrong-2", from);
        const first = await secondsLockedOut(name, user!.id);
        const third = await passwordGrant(name, "grow-user", "wrong-3", from);
        const next = await secondsLockedOut(name, user!.id);
        expect(first).toBeGreaterThan(0.5);
        expect(next).toBeGreaterThan(first + 1);
        if (server.kind === "embedded") {
          // The embedded server says how long in its answer (Keycloak does not).
          expect(Number(third.retryAfter)).toBeGreaterThan(Number(second.retryAfter));
        }
        expect(await passwordAccepted(name, "grow-user", "pw-grow-long-enough", from)).toBe(true);
      });

      it("keeps the app's admin access, and the master admin's own sign-in, after someone fails the admin password many times", async () => {
        expect(identityConfig().admin.grantType).toBe("client_credentials");
        const username = server.env.KEYCLOAK_ADMIN_USERNAME!;
        const password = server.env.KEYCLOAK_ADMIN_PASSWORD!;
        // Failures from another address and from the app's own.
        for (const from of ["127.0.0.5", "127.0.0.1"]) for (let i = 0; i < 8; i++) expect(await masterPasswordGrant(username, `wrong-${i}`, from)).not.toBe(200);
        resetIdentityAdmin();
        expect(await withAdmin((admin) => admin.realms.findOne({ realm: "master" }))).toMatchObject({ realm: "master" });
        expect(await masterPasswordGrant(username, password, "127.0.0.6")).toBe(200);
        const [admin] = await withAdmin((a) => a.users.find({ realm: "master", username, exact: true }));
        await withAdmin((a) => a.attackDetection.del({ realm: "master", id: admin!.id! }));
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
        for (const serverSide of ["token_endpoint", "userinfo_endpoint", "jwks_uri", "introspection_endpoint"])
          expect(document[serverSide]).toMatch(new RegExp(`^${backchannel}/`));
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
          await admin.clients.create({
            realm,
            clientId: "machine",
            secret: "machine-secret",
            publicClient: false,
            serviceAccountsEnabled: true,
            standardFlowEnabled: false,
            protocol: "openid-connect",
          });
        }
        const configA = await oidc.discovery(new URL(issuerFor(a)), "machine", "machine-secret", undefined, { execute: [oidc.allowInsecureRequests] });
        const { access_token } = await oidc.clientCredentialsGrant(configA);

        const certs = (realm: string) => createRemoteJWKSet(new URL(`${issuerFor(realm)}/protocol/openid-connect/certs`));
        await expect(jwtVerify(access_token, certs(a), { issuer: issuerFor(a) })).resolves.toBeTruthy();
        await expect(jwtVerify(access_token, certs(b), { issuer: issuerFor(b) })).rejects.toThrow();
        await expect(jwtVerify(access_token, certs(a), { issuer: issuerFor(b) })).rejects.toThrow();
        expect(APP_CLIENT_ID).toBe("gatehouse");
      });
    },
    cleanup,
  );
}

// tests/global-setup.ts starts Keycloak unless GATEHOUSE_TEST_KEYCLOAK=off (refused in CI).
for (const server of identityServers) contract(server);
