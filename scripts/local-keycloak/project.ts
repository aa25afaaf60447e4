import path from "node:path";
import { deriveSecret } from "@/lib/secrets/keys";
import { startLocalKeycloak, type RunningKeycloak } from "@/scripts/local-keycloak/server";
import { readSection } from "@/lib/config/env";

/** The master realm's admin user and the service account the app drives Keycloak with. */
export const LOCAL_KEYCLOAK_ADMIN = { username: "admin", clientId: "gatehouse-admin" };

/**
 * This project's local Keycloak (`npm run keycloak`, `GATEHOUSE_IDENTITY=keycloak npm run dev`,
 * the tests, the benchmarks): installed into `.cache/keycloak` (GATEHOUSE_KEYCLOAK_CACHE), its log
 * and pid under `<dataDir>/keycloak`, its data in the cluster's `gatehouse_keycloak` database.
 * The admin password and the service account's secret are derived from GATEHOUSE_SECRET_KEY, so
 * nothing default or stored is guessable. The app authenticates as the service account.
 */
export function startProjectKeycloak(options: { clusterUrl: string; dataDir: string; port?: number; freshDatabase?: boolean }): Promise<RunningKeycloak> {
  return startLocalKeycloak({
    clusterUrl: options.clusterUrl,
    stateDir: path.join(options.dataDir, "keycloak"),
    cacheDir: path.resolve(readSection("launcher").GATEHOUSE_KEYCLOAK_CACHE),
    port: options.port,
    freshDatabase: options.freshDatabase,
    admin: {
      username: LOCAL_KEYCLOAK_ADMIN.username,
      password: deriveSecret("keycloak-master-admin", "master"),
      clientId: LOCAL_KEYCLOAK_ADMIN.clientId,
      clientSecret: deriveSecret("keycloak-admin-service-account", "master"),
    },
  });
}
