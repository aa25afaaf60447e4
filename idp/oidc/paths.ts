/** Keycloak's URL layout. Realm names are percent-encoded in paths, as keycloak-admin-client does. */

export function realmPath(realm: string): string {
  return `/realms/${encodeURIComponent(realm)}`;
}

/**
 * The realm's public base URL: its `frontendUrl` attribute when that is an http(s) URL (as in
 * Keycloak, the issuer, login pages and redirects move there; the embedded server takes its
 * origin — a path such as `/auth` needs a reverse proxy that strips it), else the server's.
 */
export function realmPublicUrl(publicUrl: string, attributes: Record<string, string>): string {
  const url = URL.parse(attributes.frontendUrl?.trim() ?? "");
  return url && (url.protocol === "http:" || url.protocol === "https:") ? url.origin : publicUrl;
}

export function issuerOf(publicUrl: string, realm: string): string {
  return `${publicUrl}${realmPath(realm)}`;
}

const OIDC = "/protocol/openid-connect";

/** oidc-provider route names → paths below the realm. */
export const OIDC_ROUTES = {
  authorization: `${OIDC}/auth`,
  token: `${OIDC}/token`,
  jwks: `${OIDC}/certs`,
  end_session: `${OIDC}/logout`,
  revocation: `${OIDC}/revoke`,
  pushed_authorization_request: `${OIDC}/ext/par/request`,
} as const;

/** Served by the identity server itself rather than oidc-provider (which cannot for JWT access tokens). */
export const USERINFO_PATH = `${OIDC}/userinfo`;
export const INTROSPECTION_PATH = `${OIDC}/token/introspect`;

export function loginActionPath(realm: string, uid: string): string {
  return `${realmPath(realm)}/login-actions/${encodeURIComponent(uid)}`;
}
