// OpenID Connect flows against the identity server with the real openid-client v6.
import * as oidc from "openid-client";
import type KcAdminClient from "@keycloak/keycloak-admin-client";
import { Browser, loginForm } from "@/idp/test-support/harness";

export const REDIRECT_URI = "http://app.test/api/auth/callback/keycloak";
export const POST_LOGOUT_URI = "http://app.test/signed-out";

export async function discover(idpUrl: string, realm: string, clientId: string, secret?: string, auth?: oidc.ClientAuth): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(`${idpUrl}/realms/${encodeURIComponent(realm)}`), clientId, secret, auth, {
    execute: [oidc.allowInsecureRequests],
  });
}

export interface AuthorizationAttempt {
  config: oidc.Configuration;
  browser: Browser;
  verifier: string;
  state: string;
  nonce: string;
  /** The login page the authorization request led to. */
  page: { url: string; status: number; html: string };
}

/** Starts an authorization code + PKCE request and follows it to the login page. */
export async function startAuthorization(config: oidc.Configuration, browser = new Browser(), scope = "openid profile email"): Promise<AuthorizationAttempt> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const { response, url: pageUrl } = await browser.follow(url.href, REDIRECT_URI);
  return { config, browser, verifier, state, nonce, page: { url: pageUrl, status: response.status, html: await response.text() } };
}

/** Submits the login form; returns the callback URL when the login succeeded, else the page shown. */
export async function submitLogin(attempt: AuthorizationAttempt, username: string, password: string): Promise<{ callback?: URL; status: number; html: string; url: string }> {
  const form = loginForm(attempt.page.html, attempt.page.url);
  const { response, url } = await attempt.browser.follow(form.action, REDIRECT_URI, { form: { csrf: form.csrf, step: "login", username, password } });
  if (url.startsWith(REDIRECT_URI)) return { callback: new URL(url), status: response.status, html: "", url };
  return { status: response.status, html: await response.text(), url };
}

export async function exchange(attempt: AuthorizationAttempt, callback: URL) {
  return oidc.authorizationCodeGrant(attempt.config, callback, {
    pkceCodeVerifier: attempt.verifier,
    expectedState: attempt.state,
    expectedNonce: attempt.nonce,
  });
}

/** The whole browser login: authorization request, login form, code exchange. */
export async function loginWithCode(config: oidc.Configuration, username: string, password: string, browser = new Browser()) {
  const attempt = await startAuthorization(config, browser);
  const result = await submitLogin(attempt, username, password);
  if (!result.callback) throw new Error(`login failed (${result.status}):\n${result.html}`);
  return { attempt, tokens: await exchange(attempt, result.callback) };
}

export interface RealmFixture {
  realm: string;
  clientId: string;
  clientUuid: string;
  secret: string;
  userId: string;
  username: string;
  password: string;
}

/** A realm shaped like a provisioned tenant: the `gatehouse` client with tenant and roles mappers, roles, one user. */
export async function provisionRealm(kc: KcAdminClient, realm: string, options: { displayName?: string; attributes?: Record<string, string> } = {}): Promise<RealmFixture> {
  await kc.realms.create({ realm, enabled: true, displayName: options.displayName ?? `Tenant ${realm}`, attributes: options.attributes });
  const { id: clientUuid } = await kc.clients.create({
    realm,
    clientId: "gatehouse",
    publicClient: false,
    standardFlowEnabled: true,
    serviceAccountsEnabled: true,
    redirectUris: [REDIRECT_URI],
    webOrigins: ["+"],
    attributes: { "post.logout.redirect.uris": POST_LOGOUT_URI },
    protocolMappers: [
      {
        name: "tenant",
        protocol: "openid-connect",
        protocolMapper: "oidc-hardcoded-claim-mapper",
        config: {
          "claim.name": "tenant",
          "claim.value": realm,
          "jsonType.label": "String",
          "id.token.claim": "true",
          "access.token.claim": "true",
          "userinfo.token.claim": "true",
        },
      },
      {
        name: "roles",
        protocol: "openid-connect",
        protocolMapper: "oidc-usermodel-realm-role-mapper",
        config: { "claim.name": "roles", multivalued: "true", "jsonType.label": "String", "id.token.claim": "true", "access.token.claim": "true", "userinfo.token.claim": "true" },
      },
    ],
  });
  const { value: secret } = await kc.clients.getClientSecret({ realm, id: clientUuid });
  for (const name of ["tenant-admin", "auditor", "member"]) await kc.roles.create({ realm, name });
  const username = "alice";
  const password = "alice-password-1";
  const { id: userId } = await kc.users.create({
    realm,
    username,
    email: "alice@example.com",
    firstName: "Alice",
    lastName: "Liddell",
    emailVerified: true,
    enabled: true,
    credentials: [{ type: "password", value: password, temporary: false }],
  });
  await kc.users.addRealmRoleMappings({ realm, id: userId, roles: [{ name: "tenant-admin" }, { name: "member" }] as { id: string; name: string }[] });
  return { realm, clientId: "gatehouse", clientUuid, secret: secret!, userId, username, password };
}
