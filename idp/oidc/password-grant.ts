import { errors, type KoaContextWithOIDC, type ResourceServerInfo } from "oidc-provider";
import type { Queryable } from "@/idp/db";
import { authenticate } from "@/idp/auth/authenticate";
import { clientAddress } from "@/idp/http/client-address";
import { DEFAULT_RESOURCE } from "@/idp/config";
import { isSupportedScope } from "@/idp/oidc/grants";
import type { AccountSource } from "@/idp/oidc/account";
import type { Realm } from "@/idp/store/realms";

export const PASSWORD_GRANT_PARAMS = ["username", "password", "scope"];

function param(ctx: KoaContextWithOIDC, name: string): string {
  const value = ctx.oidc.params?.[name];
  return typeof value === "string" ? value : "";
}

/**
 * The resource owner password grant (`grant_type=password`), which keycloak-admin-client uses
 * with `admin-cli`. It runs the login page's checks and issues the same tokens a code exchange
 * would: a JWT access token, a refresh token when the client may refresh, an ID token with "openid".
 */
export function passwordGrant(deps: { db: Queryable; realm: Realm; accounts: AccountSource; resourceServer: (client: string) => ResourceServerInfo }) {
  return async (ctx: KoaContextWithOIDC): Promise<void> => {
    const { provider } = ctx.oidc;
    const client = ctx.oidc.client;
    if (!client) throw new errors.InvalidClient("client not found");

    const outcome = await authenticate(deps.db, deps.realm, param(ctx, "username"), param(ctx, "password"), { ip: clientAddress(ctx.req), clientId: client.clientId });
    if (!outcome.ok) {
      // A wait is answered like a wrong password (as Keycloak does), with how long in the text and Retry-After.
      if (outcome.reason === "throttled") {
        ctx.set("retry-after", String(outcome.retryAfterSeconds));
        throw new errors.CustomOIDCProviderError("invalid_grant", `Invalid user credentials. Try again in ${outcome.retryAfterSeconds} seconds.`);
      }
      const description = { realm_disabled: "Realm is disabled", invalid: "Invalid user credentials", disabled: "Account disabled" }[outcome.reason];
      throw new errors.CustomOIDCProviderError("invalid_grant", description);
    }
    if (outcome.mustUpdatePassword) throw new errors.CustomOIDCProviderError("invalid_grant", "Account is not fully set up");

    const requested = param(ctx, "scope").split(" ").filter(isSupportedScope);
    const scope = [...new Set([...requested, "profile", "email"])].join(" ");
    const accountId = outcome.user.id;

    const grant = new provider.Grant({ accountId, clientId: client.clientId });
    grant.addOIDCScope(scope);
    grant.addResourceScope(DEFAULT_RESOURCE, scope);
    const grantId = await grant.save();

    const accessToken = new provider.AccessToken({ accountId, client, grantId, gty: "password", scope });
    accessToken.resourceServer = new provider.ResourceServer(DEFAULT_RESOURCE, deps.resourceServer(client.clientId));
    accessToken.scope = scope;
    const access = await accessToken.save();

    const body: Record<string, unknown> = {
      access_token: access,
      expires_in: accessToken.expiration,
      token_type: "Bearer",
      scope,
      "not-before-policy": 0,
    };

    if (client.grantTypeAllowed("refresh_token")) {
      const refreshToken = new provider.RefreshToken({
        accountId,
        client,
        grantId,
        gty: "password",
        scope,
        resource: DEFAULT_RESOURCE,
        rotations: 0,
        authTime: Math.floor(Date.now() / 1000),
        expiresWithSession: false,
      });
      body.refresh_token = await refreshToken.save();
      body.refresh_expires_in = refreshToken.expiration;
    }

    if (scope.split(" ").includes("openid")) {
      const account = await deps.accounts.findAccount(ctx, accountId);
      if (!account) throw new errors.CustomOIDCProviderError("invalid_grant", "Invalid user credentials");
      const idToken = new provider.IdToken({ ...(await account.claims("id_token", scope, {}, [])), auth_time: Math.floor(Date.now() / 1000) }, { ctx });
      idToken.scope = scope;
      idToken.mask = {};
      idToken.rejected = [];
      body.id_token = await idToken.issue({ use: "idtoken" });
    }

    ctx.body = body;
  };
}
