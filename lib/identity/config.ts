import { readSection } from "@/lib/config/env";

/** How the app signs in to the admin API: a service account, or a user of the `master` realm. */
export type AdminCredentials =
  { grantType: "client_credentials"; clientId: string; clientSecret: string } | { grantType: "password"; clientId: string; username: string; password: string };

export interface IdentityConfig {
  /** Base URL of Keycloak or the embedded identity server as browsers reach it (login pages). */
  baseUrl: string;
  /**
   * Base URL the app's server reaches it at: the admin API and the back-channel OIDC calls
   * (discovery, token, JWKS). Keycloak's reverse-proxy guide keeps `/admin/` off the public URL.
   */
  adminUrl: string;
  embedded: boolean;
  admin: AdminCredentials;
  /** Longest an admin call may take; shorter than any transaction that waits for one. */
  timeoutMs: number;
}

const trim = (url: string) => url.replace(/\/+$/, "");

/**
 * With KEYCLOAK_URL, a real Keycloak: the admin API authenticates with a service account
 * (KEYCLOAK_ADMIN_CLIENT_ID + _SECRET, client_credentials) or a master-realm user
 * (KEYCLOAK_ADMIN_USERNAME + _PASSWORD through KEYCLOAK_ADMIN_CLIENT_ID, default admin-cli).
 * Without, the embedded identity server at GATEHOUSE_IDP_URL (the launcher sets its admin).
 */
export function identityConfig(): IdentityConfig {
  const env = readSection("identity");
  const embedded = !env.KEYCLOAK_URL;
  const baseUrl = trim(env.KEYCLOAK_URL ?? env.GATEHOUSE_IDP_URL);
  let admin: AdminCredentials;
  if (env.KEYCLOAK_ADMIN_CLIENT_SECRET) {
    if (!env.KEYCLOAK_ADMIN_CLIENT_ID) throw new Error("KEYCLOAK_ADMIN_CLIENT_SECRET needs KEYCLOAK_ADMIN_CLIENT_ID: the service-account client it belongs to.");
    admin = { grantType: "client_credentials", clientId: env.KEYCLOAK_ADMIN_CLIENT_ID, clientSecret: env.KEYCLOAK_ADMIN_CLIENT_SECRET };
  } else if (env.KEYCLOAK_ADMIN_PASSWORD || embedded) {
    admin = {
      grantType: "password",
      clientId: env.KEYCLOAK_ADMIN_CLIENT_ID ?? "admin-cli",
      username: env.KEYCLOAK_ADMIN_USERNAME ?? "admin",
      password: env.KEYCLOAK_ADMIN_PASSWORD ?? "admin",
    };
  } else {
    throw new Error(
      "KEYCLOAK_URL needs admin credentials: KEYCLOAK_ADMIN_CLIENT_ID and KEYCLOAK_ADMIN_CLIENT_SECRET (a service account), or KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD.",
    );
  }
  return { baseUrl, adminUrl: trim(env.KEYCLOAK_ADMIN_URL ?? baseUrl), embedded, admin, timeoutMs: env.KEYCLOAK_ADMIN_TIMEOUT_MS };
}

/** The realm's issuer as browsers see it when the realm has no `frontendUrl` of its own. */
export function issuerFor(realm: string): string {
  return `${identityConfig().baseUrl}/realms/${encodeURIComponent(realm)}`;
}

/** The realm's URL on the back channel (discovery, token, JWKS), for the app's own server-side calls. */
export function backchannelRealmUrl(realm: string): string {
  return `${identityConfig().adminUrl}/realms/${encodeURIComponent(realm)}`;
}
