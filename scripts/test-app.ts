// The app as the test runs start it: `scripts/serve.ts start` (a production `next start` behind the
// app's own HTTP server, with its embedded PostgreSQL and identity server) on ports and a data dir
// of the run's own. Shared by playwright.config.ts (browser tests) and scripts/fuzz.ts (API fuzzing).

export const TEST_APP_COMMAND = "node scripts/with-node24.mjs scripts/serve.ts start";

export interface TestAppOptions {
  port: number;
  idpPort: number;
  pgPort: number;
  dataDir: string;
  identity: "embedded" | "keycloak";
}

/** The environment the app runs with; a run adds what its own tests need. */
export function testAppEnv(options: TestAppOptions): Record<string, string> {
  return {
    PORT: String(options.port),
    GATEHOUSE_BASE_URL: `http://localhost:${options.port}`,
    GATEHOUSE_DATA_DIR: options.dataDir,
    GATEHOUSE_EMBEDDED_PG_PORT: String(options.pgPort),
    GATEHOUSE_IDENTITY: options.identity,
    GATEHOUSE_IDP_PORT: String(options.idpPort),
    GATEHOUSE_KEYCLOAK_PORT: String(options.idpPort),
    GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME: "superadmin",
    GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: "e2e-superadmin-password",
    GATEHOUSE_CONTROLLER_POLL_MS: "500",
    LOG_LEVEL: "warn",
  };
}
