import { startIdentityServer, type RunningIdentityServer } from "@/idp/server";
import { ensureDatabase } from "@/lib/db/create-database";
import { databaseUrl } from "@/lib/db/urls";
import { deriveSecret } from "@/lib/secrets/keys";

export const IDP_DATABASE = "gatehouse_idp";
export const IDP_ADMIN_USERNAME = "admin";

export interface EmbeddedIdentity {
  server: RunningIdentityServer;
  /** Environment the app needs to drive this server through the Keycloak adapter. */
  env: Record<string, string>;
}

/**
 * Starts the embedded identity server (idp/) on its own database of the given cluster. Its master
 * admin password is derived from GATEHOUSE_SECRET_KEY, so nothing default or stored is guessable.
 */
export async function startEmbeddedIdentity(options: { clusterUrl: string; port: number; host?: string }): Promise<EmbeddedIdentity> {
  await ensureDatabase(options.clusterUrl, IDP_DATABASE);
  const publicUrl = `http://localhost:${options.port}`;
  const password = deriveSecret("idp-master-admin", "master");
  const server = await startIdentityServer({
    port: options.port,
    host: options.host,
    databaseUrl: databaseUrl(options.clusterUrl, IDP_DATABASE),
    publicUrl,
    bootstrapAdmin: { username: IDP_ADMIN_USERNAME, password },
  });
  return {
    server,
    env: { GATEHOUSE_IDP_URL: publicUrl, KEYCLOAK_ADMIN_USERNAME: IDP_ADMIN_USERNAME, KEYCLOAK_ADMIN_PASSWORD: password },
  };
}
