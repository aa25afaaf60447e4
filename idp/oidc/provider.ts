import Provider, { errors, type CookieOptions, type Grant, type KoaContextWithOIDC, type ResourceServerInfo } from "oidc-provider";
import type pino from "pino";
import type { Queryable } from "@/idp/db";
import { ACCESS_TOKEN_AUDIENCE, AUTHORIZATION_CODE_TTL, DEFAULT_RESOURCE, INTERACTION_TTL, SUPPORTED_SCOPES } from "@/idp/config";
import { brandOf, messagePage } from "@/idp/login/render";
import { AccountSource } from "@/idp/oidc/account";
import { mapperClaimNames, PROFILE_CLAIMS } from "@/idp/oidc/claims";
import { ClientAdapter } from "@/idp/oidc/client-adapter";
import { clientExtras, EXTRAS_PROPERTY, originAllowed, uriMatches } from "@/idp/oidc/client-metadata";
import { extendGrant } from "@/idp/oidc/grants";
import { serveBackchannelEndpointsDynamically } from "@/idp/oidc/backchannel";
import { logoutSource, postLogoutSuccessSource } from "@/idp/oidc/logout";
import { PASSWORD_GRANT_PARAMS, passwordGrant } from "@/idp/oidc/password-grant";
import { INTROSPECTION_PATH, issuerOf, realmPublicUrl, loginActionPath, OIDC_ROUTES, realmPath, USERINFO_PATH } from "@/idp/oidc/paths";
import type { ProtocolMapper } from "@/idp/store/clients";
import type { SigningKey } from "@/idp/store/keys";
import { PgModelAdapter } from "@/idp/store/oidc-models";
import type { Realm } from "@/idp/store/realms";

export interface ProviderDeps {
  db: Queryable;
  publicUrl: string;
  cookieSecret: string;
  log: pino.Logger;
}

export interface RealmProviderInput {
  realm: Realm;
  /** Published keys, the active one first: oidc-provider signs with the first RS256 key. */
  keys: SigningKey[];
  /** Every protocol mapper of the realm's clients: their claim names must be declared up front. */
  mappers: ProtocolMapper[];
}

function resourceServerInfo(realm: Realm): ResourceServerInfo {
  return {
    scope: SUPPORTED_SCOPES.join(" "),
    audience: ACCESS_TOKEN_AUDIENCE,
    accessTokenTTL: realm.accessTokenLifespan,
    accessTokenFormat: "jwt",
    jwt: { sign: { alg: "RS256" } },
  };
}

/**
 * Grants consent automatically: every client of a realm is first-party. Extends the grant to the
 * scopes asked for, so oidc-provider's consent prompt never has anything to ask.
 */
async function loadOrCreateGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (grant && (grant.accountId !== accountId || grant.clientId !== client.clientId)) grant = undefined;
  grant ??= new oidc.provider.Grant({ accountId, clientId: client.clientId });
  extendGrant(grant, oidc.params?.scope);
  await grant.save();
  return grant;
}

/** One realm's OpenID Provider: Keycloak's paths, the realm's keys, clients and users. */
export function buildRealmProvider(deps: ProviderDeps, input: RealmProviderInput): Provider {
  const { realm } = input;
  const publicUrl = realmPublicUrl(deps.publicUrl, realm.attributes);
  const issuer = issuerOf(publicUrl, realm.name);
  const base = realmPath(realm.name);
  const secure = publicUrl.startsWith("https:");
  const sessionCookie: CookieOptions = { httpOnly: true, sameSite: "lax", secure, path: `${base}/` };
  const accounts = new AccountSource(deps.db, realm.name);
  const brand = brandOf(realm);
  const rs = resourceServerInfo(realm);

  const provider = new Provider(issuer, {
    adapter: (name) => (name === "Client" ? new ClientAdapter(deps.db, realm.name) : new PgModelAdapter(deps.db, realm.name, name)),
    jwks: { keys: input.keys.map((k) => k.privateJwk) },
    routes: Object.fromEntries(Object.entries(OIDC_ROUTES).map(([name, path]) => [name, `${base}${path}`])),
    scopes: [...SUPPORTED_SCOPES],
    claims: {
      openid: ["sub", ...PROFILE_CLAIMS, ...mapperClaimNames(input.mappers)],
      profile: ["preferred_username", "name", "given_name", "family_name"],
      email: ["email", "email_verified"],
    },
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    clientDefaults: {
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
    },
    extraClientMetadata: { properties: [EXTRAS_PROPERTY], validator: () => {} },
    clientBasedCORS: (_ctx, origin, client) => {
      const extras = clientExtras(client);
      return originAllowed(extras.webOrigins, extras.redirectUris, origin);
    },
    cookies: { keys: [deps.cookieSecret], long: sessionCookie, short: { httpOnly: true, sameSite: "lax", secure } },
    discovery: {
      userinfo_endpoint: `${issuer}${USERINFO_PATH}`,
      introspection_endpoint: `${issuer}${INTROSPECTION_PATH}`,
      introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    },
    features: {
      devInteractions: { enabled: false },
      // Sender-constrained tokens would need the userinfo endpoint and resource servers to check proofs.
      dPoP: { enabled: false },
      clientCredentials: { enabled: true },
      // Introspection is answered by the identity server itself (idp/oidc/introspection.ts).
      introspection: { enabled: false },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: logoutSource(deps.db, realm, sessionCookie),
        postLogoutSuccessSource: postLogoutSuccessSource(realm),
      },
      // Access tokens are JWTs (for a resource server), which oidc-provider's userinfo refuses:
      // the identity server answers userinfo itself (idp/oidc/userinfo.ts).
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => DEFAULT_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== DEFAULT_RESOURCE) throw new errors.InvalidTarget();
          return rs;
        },
      },
    },
    formats: { customizers: { jwt: accounts.customizeJwt } },
    findAccount: accounts.findAccount,
    extraTokenClaims: accounts.extraTokenClaims,
    loadExistingGrant: loadOrCreateGrant,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    interactions: { url: (_ctx, interaction) => loginActionPath(realm.name, interaction.uid) },
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    ttl: {
      AccessToken: realm.accessTokenLifespan,
      ClientCredentials: realm.accessTokenLifespan,
      IdToken: realm.accessTokenLifespan,
      AuthorizationCode: AUTHORIZATION_CODE_TTL,
      // Refresh tokens last the SSO idle timeout and are rotated (oidc-provider's default policy),
      // which slides the window; grants and sessions end at the SSO max lifespan.
      RefreshToken: realm.ssoSessionIdleTimeout,
      Grant: realm.ssoSessionMaxLifespan,
      Session: realm.ssoSessionMaxLifespan,
      Interaction: INTERACTION_TTL,
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      const description = typeof out.error_description === "string" ? out.error_description : out.error;
      ctx.body = messagePage(brand, "Something went wrong", `The request could not be completed: ${description}.`, true);
    },
  });

  // Keycloak and the other engineer's adapter expect every URL on the public base URL; the
  // router sets the forwarded headers from it, so oidc-provider must read them.
  provider.proxy = true;
  provider.registerGrantType("password", passwordGrant({ db: deps.db, realm, accounts, resourceServer: () => rs }), PASSWORD_GRANT_PARAMS);

  const proto = provider.Client.prototype;
  const exactRedirect = proto.redirectUriAllowed;
  const exactLogout = proto.postLogoutRedirectUriAllowed;
  proto.redirectUriAllowed = function (this: typeof proto, value: string) {
    return exactRedirect.call(this, value) || uriMatches(clientExtras(this).redirectUris, value);
  };
  proto.postLogoutRedirectUriAllowed = function (this: typeof proto, value: string) {
    return exactLogout.call(this, value) || uriMatches(clientExtras(this).postLogoutRedirectUris, value);
  };

  serveBackchannelEndpointsDynamically(provider, new URL(publicUrl).origin);
  provider.on("server_error", (_ctx, error) => deps.log.error({ err: error, realm: realm.name }, "oidc-provider server error"));
  return provider;
}
