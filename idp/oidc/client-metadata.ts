import type { Client as ProviderClient, ClientMetadata } from "oidc-provider";
import { z } from "zod";
import type { Client, ProtocolMapper } from "@/idp/store/clients";

/** Keycloak client data oidc-provider has no field for, carried on the client as metadata "gatehouse". */
export interface ClientExtras {
  id: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  webOrigins: string[];
  protocolMappers: ProtocolMapper[];
}

export const EXTRAS_PROPERTY = "gatehouse";

const extrasSchema = z.object({
  id: z.string(),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  webOrigins: z.array(z.string()),
  protocolMappers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      protocol: z.string(),
      protocolMapper: z.string(),
      consentRequired: z.boolean().optional(),
      config: z.record(z.string(), z.string()),
    }),
  ),
});

const parsed = new WeakMap<ProviderClient, ClientExtras>();

export function clientExtras(client: ProviderClient): ClientExtras {
  let extras = parsed.get(client);
  if (!extras) {
    extras = extrasSchema.parse(client[EXTRAS_PROPERTY]);
    parsed.set(client, extras);
  }
  return extras;
}

/** Keycloak resolves redirect URIs starting with "/" against the client's root URL. */
function resolveUri(uri: string, rootUrl: string | null): string {
  return uri.startsWith("/") && rootUrl ? `${rootUrl.replace(/\/+$/, "")}${uri}` : uri;
}

function isWebUri(uri: string): boolean {
  const parsedUri = URL.parse(uri);
  return parsedUri !== null && (parsedUri.protocol === "http:" || parsedUri.protocol === "https:") && !uri.includes("#");
}

export function postLogoutRedirectUris(client: Client): string[] {
  const raw = client.attributes["post.logout.redirect.uris"];
  if (!raw) return [];
  return raw.split("##").filter(Boolean);
}

/** oidc-provider metadata of an enabled client (Keycloak's flags become grant types). */
export function clientMetadata(client: Client): ClientMetadata {
  const redirectUris = client.redirectUris.map((uri) => resolveUri(uri, client.rootUrl));
  const logoutUris = postLogoutRedirectUris(client).flatMap((uri) => (uri === "+" ? redirectUris : [resolveUri(uri, client.rootUrl)]));
  const validRedirects = redirectUris.filter(isWebUri);
  const codeFlow = client.standardFlowEnabled && validRedirects.length > 0;
  const passwordFlow = client.directAccessGrantsEnabled;

  const grantTypes: string[] = [];
  if (codeFlow) grantTypes.push("authorization_code");
  if (passwordFlow) grantTypes.push("password");
  if (client.serviceAccountsEnabled && !client.publicClient) grantTypes.push("client_credentials");
  if ((codeFlow || passwordFlow) && client.attributes["use.refresh.tokens"] !== "false") grantTypes.push("refresh_token");

  const extras: ClientExtras = {
    id: client.id,
    redirectUris,
    postLogoutRedirectUris: logoutUris,
    webOrigins: client.webOrigins,
    protocolMappers: client.protocolMappers,
  };
  return {
    client_id: client.clientId,
    ...(client.publicClient ? {} : { client_secret: client.secret ?? "" }),
    ...(client.name ? { client_name: client.name } : {}),
    token_endpoint_auth_method: client.publicClient ? "none" : "client_secret_basic",
    grant_types: grantTypes,
    response_types: codeFlow ? ["code"] : [],
    redirect_uris: validRedirects,
    post_logout_redirect_uris: logoutUris.filter(isWebUri),
    [EXTRAS_PROPERTY]: extras,
  };
}

/** Keycloak's redirect URI rule: exact, or a registered URI ending in "*" matches by prefix. */
export function uriMatches(registered: string[], value: string): boolean {
  return registered.some((uri) => (uri.endsWith("*") ? value.startsWith(uri.slice(0, -1)) : uri === value));
}

/** Keycloak's web origins: "*" any, "+" the origins of the redirect URIs, otherwise exact origins. */
export function originAllowed(webOrigins: string[], redirectUris: string[], origin: string): boolean {
  if (origin === "null") return false;
  return webOrigins.some((allowed) => {
    if (allowed === "*") return true;
    if (allowed === "+") return redirectUris.some((uri) => URL.parse(uri.replace(/\*$/, ""))?.origin === origin);
    return allowed.replace(/\/+$/, "") === origin;
  });
}
