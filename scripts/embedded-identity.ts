// The launcher's side of the embedded identity server (idp/): the launcher (scripts/serve.ts), the
// test setup (tests/global-setup.ts) and the benchmarks start it in their own process and hand the
// app the environment that points its Keycloak adapter (lib/identity) at it. The app itself only
// ever talks to it over HTTP.
import { startIdentityServer, type RunningIdentityServer } from "@/idp/server";
import { ensureDatabase } from "@/lib/db/create-database";
import { databaseUrl } from "@/lib/db/urls";
import { deriveSecret } from "@/lib/secrets/keys";
import { readSection } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";

export const IDP_DATABASE = "gatehouse_idp";
export const IDP_ADMIN_USERNAME = "admin";
/** The master realm's service account the app drives the embedded server with (as on the local Keycloak). */
export const IDP_ADMIN_CLIENT_ID = "gatehouse-admin";

export interface EmbeddedIdentity {
  server: RunningIdentityServer;
  /** Environment the app needs to drive this server through the Keycloak adapter. */
  env: Record<string, string>;
}

/**
 * Starts the embedded identity server (idp/) on its own database of the given cluster. Its master
 * admin password and the secret of its admin service account are derived from GATEHOUSE_SECRET_KEY,
 * so nothing default or stored is guessable. The app authenticates as the service account
 * (client credentials): no password of it can be locked out by someone failing it.
 */
export async function startEmbeddedIdentity(options: { clusterUrl: string; port: number; host?: string }): Promise<EmbeddedIdentity> {
  await ensureDatabase(options.clusterUrl, IDP_DATABASE);
  const publicUrl = `http://localhost:${options.port}`;
  const password = deriveSecret("idp-master-admin", "master");
  const clientSecret = deriveSecret("idp-admin-service-account", "master");
  const server = await startIdentityServer({
    port: options.port,
    host: options.host,
    databaseUrl: databaseUrl(options.clusterUrl, IDP_DATABASE),
    publicUrl,
    bootstrapAdmin: { username: IDP_ADMIN_USERNAME, password },
    serviceAccount: { clientId: IDP_ADMIN_CLIENT_ID, secret: clientSecret },
    trustedProxies: readSection("launcher").GATEHOUSE_IDP_TRUSTED_PROXIES,
    log: logger(),
  });
  return {
    server,
    env: {
      GATEHOUSE_IDP_URL: publicUrl,
      KEYCLOAK_ADMIN_USERNAME: IDP_ADMIN_USERNAME,
      KEYCLOAK_ADMIN_PASSWORD: password,
      KEYCLOAK_ADMIN_CLIENT_ID: IDP_ADMIN_CLIENT_ID,
      KEYCLOAK_ADMIN_CLIENT_SECRET: clientSecret,
    },
  };
}
