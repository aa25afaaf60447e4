// `npm run keycloak [-- install | start | credentials]`: this project's local Keycloak.
//   install      fetch the pinned Keycloak (Maven), unpack and build it into .cache/keycloak, install the theme
//   start        (default) start it for `GATEHOUSE_IDENTITY=keycloak npm run dev` and keep it running until Ctrl-C:
//                data in the `gatehouse_keycloak` database of the same PostgreSQL (embedded under
//                .data/on-keycloak, or DATABASE_URL), http://localhost:8280 (GATEHOUSE_KEYCLOAK_PORT)
//   credentials  print the master realm's admin and the service account the app uses
import path from "node:path";
import { localDatabase } from "@/lib/db/local-cluster";
import { findJava, JavaMissingError } from "@/scripts/local-keycloak/java";
import { installKeycloak, KeycloakInstallError } from "@/scripts/local-keycloak/install";
import { LOCAL_KEYCLOAK_ADMIN, startProjectKeycloak } from "@/scripts/local-keycloak/project";
import { deriveSecret } from "@/lib/secrets/keys";
import { localSecretKey } from "@/lib/secrets/local-key";
import { readSection } from "@/lib/config/env";

const command = process.argv[2] ?? "start";
const settings = readSection("launcher");
const dataDir = path.resolve(settings.GATEHOUSE_DATA_DIR ?? ".data/on-keycloak");
process.env.GATEHOUSE_SECRET_KEY = localSecretKey(dataDir).key;

try {
  if (command === "install") {
    const java = findJava();
    const install = await installKeycloak({ cacheDir: path.resolve(settings.GATEHOUSE_KEYCLOAK_CACHE), java });
    console.log(`Keycloak ${install.version} installed in ${path.relative(process.cwd(), install.home)} (Java ${java.major} at ${java.home})`);
  } else if (command === "credentials") {
    console.log(`admin console user  ${LOCAL_KEYCLOAK_ADMIN.username} / ${deriveSecret("keycloak-master-admin", "master")}`);
    console.log(`service account     ${LOCAL_KEYCLOAK_ADMIN.clientId} / ${deriveSecret("keycloak-admin-service-account", "master")}`);
  } else if (command === "start") {
    const db = await localDatabase({ dataDir, port: settings.GATEHOUSE_EMBEDDED_PG_PORT ?? 54321 });
    const started = Date.now();
    const keycloak = await startProjectKeycloak({ clusterUrl: db.url, dataDir, port: settings.GATEHOUSE_KEYCLOAK_PORT });
    console.log(`
  Keycloak ${keycloak.version} ${keycloak.startedHere ? `started in ${((Date.now() - started) / 1000).toFixed(1)} s` : "was already running"}
  URL        ${keycloak.url}   (admin console ${keycloak.url}/admin; npm run keycloak -- credentials)
  Health     http://127.0.0.1:${keycloak.managementPort}/health/ready
  Java       ${keycloak.java.major} (${keycloak.java.home}), ${keycloak.jvmFlags}
  Log        ${path.relative(process.cwd(), path.join(dataDir, "keycloak", "keycloak.log"))}
  Use it     GATEHOUSE_IDENTITY=keycloak npm run dev   (in another terminal; Ctrl-C here stops Keycloak)
`);
    const stop = async () => {
      if (keycloak.startedHere) await keycloak.stop();
      if (db.server?.startedHere) await db.server.stop();
      process.exit(0);
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop());
    setInterval(() => {}, 1 << 30);
  } else {
    console.error(`Unknown command "${command}": use install, start or credentials.`);
    process.exit(2);
  }
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof KeycloakInstallError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
