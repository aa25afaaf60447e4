// OpenID Connect per realm, driven by openid-client v6 and verified with jose against the JWKS.
import type KcAdminClient from "@keycloak/keycloak-admin-client";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as oidc from "openid-client";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RealmRuntimes } from "@/idp/oidc/runtime";
import { Browser, startTestIdp, uniqueName, type TestIdp } from "@/idp/test-support/harness";
import { discover, loginWithCode, POST_LOGOUT_URI, provisionRealm, REDIRECT_URI, startAuthorization, type RealmFixture } from "@/idp/test-support/flows";

let idp: TestIdp;
let kc: KcAdminClient;
let a: RealmFixture;
let b: RealmFixture;

beforeAll(async () => {
  idp = await startTestIdp();
  kc = await idp.admin();
  a = await provisionRealm(kc, uniqueName("alpha"));
  b = await provisionRealm(kc, uniqueName("beta"));
});

afterAll(async () => {
  await idp?.close();
});

const issuer = (realm: string) => `${idp.url}/realms/${realm}`;
const jwks = (realm: string) => createRemoteJWKSet(new URL(`${issuer(realm)}/protocol/openid-connect/certs`));

describe("discovery", () => {
  it("publishes Keycloak's endpoint layout for each realm", async () => {
    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    const metadata = config.serverMetadata();
    const base = `${issuer(a.realm)}/protocol/openid-connect`;
    expect(metadata).toMatchObject({
      issuer: issuer(a.realm),
      authorization_endpoint: `${base}/auth`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/userinfo`,
      jwks_uri: `${base}/certs`,
      end_session_endpoint: `${base}/logout`,
      introspection_endpoint: `${base}/token/introspect`,
      revocation_endpoint: `${base}/revoke`,
    });
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "refresh_token", "client_credentials", "password"]));
    expect(metadata.code_challenge_methods_supported).toContain("S256");
  });

  it("answers 404 for an unknown realm and serves Keycloak's realm info", async () => {
    expect((await fetch(`${issuer("no-such-realm")}/.well-known/openid-configuration`)).status).toBe(404);
    const info = (await (await fetch(issuer(a.realm))).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ realm: a.realm, "token-service": `${issuer(a.realm)}/protocol/openid-connect` });
    expect(typeof info.public_key).toBe("string");
  });
});

describe("authorization code + PKCE", () => {
  it("logs in through the login page and issues RS256 tokens with Keycloak's claims and the client's mappers", async () => {
    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    const { tokens } = await loginWithCode(config, a.username, a.password);
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.refresh_token).toBeTruthy();

    const idClaims = tokens.claims()!;
    expect(idClaims).toMatchObject({
      iss: issuer(a.realm),
      aud: a.clientId,
      sub: a.userId,
      preferred_username: "alice",
      email: "alice@example.com",
      email_verified: true,
      name: "Alice Liddell",
      given_name: "Alice",
      family_name: "Liddell",
      tenant: a.realm,
      roles: ["member", "tenant-admin"],
    });

    const { payload: idToken, protectedHeader } = await jwtVerify(tokens.id_token!, jwks(a.realm), { issuer: issuer(a.realm), audience: a.clientId });
    expect(protectedHeader.alg).toBe("RS256");
    expect(idToken.sub).toBe(a.userId);

    const { payload: access } = await jwtVerify(tokens.access_token, jwks(a.realm), { issuer: issuer(a.realm) });
    expect(access).toMatchObject({
      sub: a.userId,
      azp: a.clientId,
      aud: "account",
      typ: "Bearer",
      preferred_username: "alice",
      email: "alice@example.com",
      realm_access: { roles: ["member", "tenant-admin"] },
      tenant: a.realm,
      roles: ["member", "tenant-admin"],
    });
    expect(String(access.scope).split(" ")).toEqual(expect.arrayContaining(["openid", "profile", "email"]));

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, a.userId);
    expect(userinfo).toMatchObject({ sub: a.userId, preferred_username: "alice", email: "alice@example.com", tenant: a.realm, roles: ["member", "tenant-admin"] });
  });

  it("honours each mapper's token flags", async () => {
    const realm = uniqueName("flags");
    const fixture = await provisionRealm(kc, realm);
    await kc.clients.addProtocolMapper(
      { realm, id: fixture.clientUuid },
      {
        name: "plan",
        protocol: "openid-connect",
        protocolMapper: "oidc-hardcoded-claim-mapper",
        config: { "claim.name": "org.plan", "claim.value": "gold", "access.token.claim": "true", "id.token.claim": "false", "userinfo.token.claim": "false" },
      },
    );
    const config = await discover(idp.url, realm, fixture.clientId, fixture.secret);
    const { tokens } = await loginWithCode(config, fixture.username, fixture.password);
    expect(tokens.claims()).not.toHaveProperty("org");
    const { payload } = await jwtVerify(tokens.access_token, jwks(realm), { issuer: issuer(realm) });
    expect(payload.org).toEqual({ plan: "gold" });
    expect(await oidc.fetchUserInfo(config, tokens.access_token, fixture.userId)).not.toHaveProperty("org");
  });

  it("refreshes tokens and authenticates the client with client_secret_basic as well", async () => {
    const config = await discover(idp.url, a.realm, a.clientId, a.secret, oidc.ClientSecretBasic(a.secret));
    const { tokens } = await loginWithCode(config, a.username, a.password);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const { payload } = await jwtVerify(refreshed.access_token, jwks(a.realm), { issuer: issuer(a.realm) });
    expect(payload).toMatchObject({ sub: a.userId, tenant: a.realm, realm_access: { roles: ["member", "tenant-admin"] } });
    expect(refreshed.claims()).toMatchObject({ sub: a.userId, tenant: a.realm });
  });

  it("refuses a wrong client secret and a redirect URI that is not registered", async () => {
    const wrong = await discover(idp.url, a.realm, a.clientId, "not-the-secret");
    await expect(oidc.clientCredentialsGrant(wrong)).rejects.toMatchObject({ error: "invalid_client" });

    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: "http://evil.test/cb", scope: "openid", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("supports public clients with PKCE and Keycloak's wildcard redirect URIs", async () => {
    const realm = uniqueName("spa");
    const fixture = await provisionRealm(kc, realm);
    await kc.clients.create({ realm, clientId: "spa", publicClient: true, redirectUris: ["http://app.test/*"], webOrigins: ["http://app.test"] });
    const config = await discover(idp.url, realm, "spa", undefined, oidc.None());
    const { tokens } = await loginWithCode(config, fixture.username, fixture.password);
    expect(tokens.claims()).toMatchObject({ sub: fixture.userId, aud: "spa" });
    expect(tokens.refresh_token).toBeTruthy();
  });
});

describe("consent", () => {
  it("is granted automatically, also when the client asks with prompt=consent", async () => {
    const browser = new Browser();
    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    await loginWithCode(config, a.username, a.password, browser);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: "openid profile",
      prompt: "consent",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    const { url: callback } = await browser.follow(url.href, REDIRECT_URI);
    expect(callback).toMatch(/[?&]code=/);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: oidc.skipStateCheck });
    expect(tokens.claims()!.sub).toBe(a.userId);
  });
});

describe("client credentials", () => {
  it("issues a JWT access token for a service-account client", async () => {
    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    const tokens = await oidc.clientCredentialsGrant(config);
    const { payload } = await jwtVerify(tokens.access_token, jwks(a.realm), { issuer: issuer(a.realm) });
    expect(payload).toMatchObject({ azp: a.clientId, client_id: a.clientId, tenant: a.realm, preferred_username: `service-account-${a.clientId}` });
  });

  it("refuses a disabled client", async () => {
    const realm = uniqueName("disabled-client");
    const fixture = await provisionRealm(kc, realm);
    const config = await discover(idp.url, realm, fixture.clientId, fixture.secret);
    await kc.clients.update({ realm, id: fixture.clientUuid }, { enabled: false });
    await expect(oidc.clientCredentialsGrant(config)).rejects.toMatchObject({ error: "invalid_client" });
  });
});

describe("isolation between realms", () => {
  it("a token of realm A does not verify against realm B's keys or issuer", async () => {
    const configA = await discover(idp.url, a.realm, a.clientId, a.secret);
    const { tokens } = await loginWithCode(configA, a.username, a.password);
    await expect(jwtVerify(tokens.access_token, jwks(b.realm))).rejects.toThrow();
    await expect(jwtVerify(tokens.id_token!, jwks(b.realm), { issuer: issuer(b.realm) })).rejects.toThrow();
    await expect(jwtVerify(tokens.access_token, jwks(a.realm), { issuer: issuer(b.realm) })).rejects.toThrow();

    const configB = await discover(idp.url, b.realm, b.clientId, b.secret);
    await expect(oidc.fetchUserInfo(configB, tokens.access_token, a.userId)).rejects.toThrow();
    await expect(oidc.refreshTokenGrant(configB, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("a realm A session does not log the browser into realm B", async () => {
    const browser = new Browser();
    await loginWithCode(await discover(idp.url, a.realm, a.clientId, a.secret), a.username, a.password, browser);
    const attempt = await startAuthorization(await discover(idp.url, b.realm, b.clientId, b.secret), browser);
    expect(attempt.page.html).toContain('name="password"');
  });
});

describe("many realms", () => {
  it("keeps a bounded number of providers in memory and rebuilds one when its realm changes", async () => {
    const runtimes = new RealmRuntimes({ db: idp.sql, publicUrl: idp.url, cookieSecret: "test-secret", log: pino({ level: "silent" }) }, 2);
    const names = [a.realm, b.realm, "master"];
    for (const name of names) expect((await runtimes.get(name))!.realm.name).toBe(name);
    expect(runtimes.size).toBe(2);
    expect(await runtimes.get("no-such-realm")).toBeNull();

    const first = await runtimes.get("master");
    expect(await runtimes.get("master")).toBe(first);
    runtimes.invalidate("master");
    expect(await runtimes.get("master")).not.toBe(first);
  });
});

describe("signing keys", () => {
  it("rotation publishes a new active key and keeps the previous one verifying old tokens", async () => {
    const realm = uniqueName("rotate");
    const fixture = await provisionRealm(kc, realm);
    const config = await discover(idp.url, realm, fixture.clientId, fixture.secret);
    const before = await oidc.clientCredentialsGrant(config);
    const oldKid = decodeProtectedHeader(before.access_token).kid;

    const response = await fetch(`${idp.url}/admin/realms/${realm}/gatehouse/keys/rotate`, { method: "POST", headers: { authorization: `Bearer ${kc.accessToken}` } });
    expect(response.status).toBe(200);
    const { kid: newKid } = (await response.json()) as { kid: string };
    expect(newKid).not.toBe(oldKid);

    const certs = (await (await fetch(`${issuer(realm)}/protocol/openid-connect/certs`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(certs.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    expect(certs.keys.every((k) => k.d === undefined)).toBe(true);

    const after = await oidc.clientCredentialsGrant(config);
    expect(decodeProtectedHeader(after.access_token).kid).toBe(newKid);
    const freshJwks = jwks(realm);
    await expect(jwtVerify(before.access_token, freshJwks, { issuer: issuer(realm) })).resolves.toBeTruthy();
    await expect(jwtVerify(after.access_token, freshJwks, { issuer: issuer(realm) })).resolves.toBeTruthy();

    const keys = await kc.realms.getKeys({ realm });
    expect(keys.active).toEqual({ RS256: newKid });
  });

  it("rotation requires an admin token", async () => {
    const response = await fetch(`${idp.url}/admin/realms/${a.realm}/gatehouse/keys/rotate`, { method: "POST" });
    expect(response.status).toBe(401);
  });
});

describe("RP-initiated logout", () => {
  it("with a valid id_token_hint ends the session without asking and redirects to the registered URI", async () => {
    const browser = new Browser();
    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    const { tokens } = await loginWithCode(config, a.username, a.password, browser);

    // Signed in: a new authorization request goes straight back to the client.
    const again = await startAuthorization(config, browser);
    expect(again.page.url.startsWith(REDIRECT_URI)).toBe(true);

    const logoutUrl = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: POST_LOGOUT_URI, state: "bye-state" });
    const response = await browser.request(logoutUrl.href);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${POST_LOGOUT_URI}?state=bye-state`);

    const afterLogout = await startAuthorization(config, browser);
    expect(afterLogout.page.html).toContain('name="password"');
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("asks for confirmation without an id_token_hint, and refuses an unregistered post-logout URI", async () => {
    const browser = new Browser();
    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    await loginWithCode(config, a.username, a.password, browser);
    const confirm = await browser.request(
      `${issuer(a.realm)}/protocol/openid-connect/logout?client_id=${a.clientId}&post_logout_redirect_uri=${encodeURIComponent(POST_LOGOUT_URI)}`,
    );
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain("Do you want to sign out?");
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const done = await browser.request(new URL(action!, issuer(a.realm)).href, { form: { xsrf: xsrf!, logout: "yes" } });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(POST_LOGOUT_URI);

    const bad = await browser.request(
      `${issuer(a.realm)}/protocol/openid-connect/logout?client_id=${a.clientId}&post_logout_redirect_uri=${encodeURIComponent("http://evil.test/")}`,
    );
    expect(bad.status).toBe(400);
  });
});

describe("introspection and revocation", () => {
  it("introspects JWT access tokens and refresh tokens; revoking a refresh token ends its grant", async () => {
    const config = await discover(idp.url, a.realm, a.clientId, a.secret);
    const { tokens } = await loginWithCode(config, a.username, a.password);
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({
      active: true,
      sub: a.userId,
      client_id: a.clientId,
      username: "alice",
      token_type: "Bearer",
      tenant: a.realm,
      realm_access: { roles: ["member", "tenant-admin"] },
    });
    expect(await oidc.tokenIntrospection(config, tokens.refresh_token!)).toMatchObject({ active: true, sub: a.userId, token_type: "Refresh" });

    await oidc.tokenRevocation(config, tokens.refresh_token!);
    expect(await oidc.tokenIntrospection(config, tokens.refresh_token!)).toEqual({ active: false });
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });

    const otherRealm = await discover(idp.url, b.realm, b.clientId, b.secret);
    expect(await oidc.tokenIntrospection(otherRealm, tokens.access_token)).toEqual({ active: false });
    const wrongSecret = await discover(idp.url, a.realm, a.clientId, "wrong", oidc.ClientSecretBasic("wrong"));
    await expect(oidc.tokenIntrospection(wrongSecret, tokens.access_token)).rejects.toMatchObject({ status: 401 });
  });
});
