// `npm run dev` / `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), the identity
// server (embedded; a local Keycloak with GATEHOUSE_IDENTITY=keycloak; an external Keycloak when
// KEYCLOAK_URL is set), then Next.js. Migrations, bootstrap records and
// the provisioning controller start inside the app (instrumentation.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { localDatabase } from "@/lib/db/local-cluster";
import { redactUrl } from "@/lib/db/urls";
import { localSecretKey } from "@/lib/secrets/local-key";
import { readSection } from "@/lib/config/env";

const mode = process.argv[2] === "start" ? "start" : "dev";
const settings = (() => {
  try {
    return { ...readSection("launcher"), ...readSection("secrets"), KEYCLOAK_URL: readSection("identity").KEYCLOAK_URL };
  } catch (error) {
    console.error((error as Error).message);
    return process.exit(2);
  }
})();
const port = settings.PORT;
const identityChoice = settings.GATEHOUSE_IDENTITY;
// A product on Keycloak keeps its own data (.data/on-keycloak, PostgreSQL on 54321): tenants
// provisioned on the embedded server have no realms in Keycloak, and switching back and forth
// must not leave either half-provisioned.
const onLocalKeycloak = identityChoice === "keycloak" && !settings.KEYCLOAK_URL;
const dataDir = path.resolve(settings.GATEHOUSE_DATA_DIR ?? (onLocalKeycloak ? ".data/on-keycloak" : ".data"));
const pgPort = settings.GATEHOUSE_EMBEDDED_PG_PORT ?? (onLocalKeycloak ? 54321 : 54320);
const idpPort = settings.GATEHOUSE_IDP_PORT;
const quiet = settings.GATEHOUSE_QUIET;

const secret = localSecretKey(dataDir);
process.env.GATEHOUSE_SECRET_KEY = secret.key;
const bootstrapAdmin = {
  GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME: settings.GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME ?? "superadmin",
  GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: settings.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD ?? "gatehouse-dev",
};
const defaultAdmin = !settings.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD;

let db = await localDatabase({ dataDir, port: pgPort, log: settings.GATEHOUSE_PG_LOG ? (l) => console.log(`[postgres] ${l}`) : undefined });
const clusterUrl = db.url;

let identityEnv: Record<string, string> = {};
let stopIdentity = async () => {};
let identityLabel = `Keycloak at ${settings.KEYCLOAK_URL}`;
if (onLocalKeycloak) {
  const { startProjectKeycloak } = await import("@/scripts/local-keycloak/project");
  if (!quiet) console.log("Starting the local Keycloak (the first start installs it; see `npm run keycloak`) …");
  const keycloak = await startProjectKeycloak({ clusterUrl, dataDir, port: settings.GATEHOUSE_KEYCLOAK_PORT }).catch((error: Error) => {
    console.error(`\n${error.message}\n`);
    return process.exit(1);
  });
  identityEnv = keycloak.env;
  if (keycloak.startedHere) stopIdentity = () => keycloak.stop(); // one `npm run keycloak` started stays up
  identityLabel = `Keycloak ${keycloak.version} at ${keycloak.url} (local, admin console ${keycloak.url}/admin — user admin, password: npm run keycloak -- credentials)`;
} else if (!settings.KEYCLOAK_URL) {
  const { startEmbeddedIdentity } = await import("@/scripts/embedded-identity");
  const identity = await startEmbeddedIdentity({ clusterUrl, port: idpPort });
  identityEnv = identity.env;
  stopIdentity = () => identity.server.close();
  identityLabel = `embedded identity server at ${identity.env.GATEHOUSE_IDP_URL}`;
}

// Unset, the base follows PORT (the app validates the value it is given, lib/config/variables.ts).
const baseUrl = process.env.GATEHOUSE_BASE_URL || `http://localhost:${port}`;
const base = new URL(baseUrl);
const at = (sub: string) => `${base.protocol}//${sub}.${base.host}`;

if (!quiet) {
  const source = db.server
    ? `embedded PostgreSQL (${db.server.startedHere ? "started" : "already running"}, data in ${path.relative(process.cwd(), dataDir) || "."}/postgres)`
    : "DATABASE_URL";
  console.log(`
  Gatehouse (${mode})
  ─────────────────────────────────────────────
  Console   ${at("console")}
            sign in as ${bootstrapAdmin.GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME}${defaultAdmin ? ` / ${bootstrapAdmin.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD}  (default; set GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD)` : ""}
  Tenants   ${base.protocol}//<key>.${base.host}
  Cloud     ${at("cloud")}
  Database  ${redactUrl(db.url)}  — ${source}${db.appUrl ? `; queries as ${new URL(db.appUrl).username}` : ""}
  Identity  ${identityLabel}${secret.source === "generated" ? `\n  Secret    generated ${path.relative(process.cwd(), dataDir) || "."}/secret.key (set GATEHOUSE_SECRET_KEY in production)` : ""}
`);
}

const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "next-server.ts"), mode, String(port)], {
  stdio: "inherit",
  env: {
    ...process.env,
    ...identityEnv,
    ...bootstrapAdmin,
    DATABASE_URL: db.url,
    ...(db.appUrl ? { GATEHOUSE_APP_DATABASE_URL: db.appUrl } : {}),
    GATEHOUSE_BASE_URL: baseUrl,
    GATEHOUSE_SECRET_KEY: secret.key,
    AUTH_TRUST_HOST: "true",
  },
});

let stopping = false;
let stopSupervisor = () => {};
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    stopSupervisor();
    await stopIdentity().catch(() => {});
    if (db.server?.startedHere) await db.server.stop().catch(() => {});
  }
  process.exit(code);
}

// The embedded PostgreSQL this launcher started is watched: started again if it dies, and the
// whole product stops, loudly, if it cannot be brought back.
if (db.server?.startedHere) {
  const { superviseEmbeddedPostgres } = await import("@/lib/db/supervise");
  stopSupervisor = superviseEmbeddedPostgres({
    clusterUrl: db.server.clusterUrl,
    restart: async () => {
      db = await localDatabase({ dataDir, port: pgPort });
    },
    giveUp: (reason) => {
      console.error(`\n  Gatehouse is stopping: ${reason}.\n`);
      child.kill("SIGTERM");
      void shutdown(1);
    },
    log: (message) => console.error(`[gatehouse] ${message}`),
  });
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => void shutdown(code ?? 0));
