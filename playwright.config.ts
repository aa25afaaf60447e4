import { defineConfig } from "@playwright/test";

import { e2eDataDir, e2eIdentity, idpPort, port } from "./e2e/environment";
import { TEST_APP_COMMAND, testAppEnv } from "./scripts/test-app";

// Two runs (scripts/test.ts): every spec on the embedded identity server, then the main journeys
// on a real Keycloak (E2E_IDENTITY=keycloak): onboarding with the break-glass admin's first
// sign-in on the branded login page, a tenant admin creating and disabling a user who signs in,
// rename, SCIM provisioning and sign-in, sign-out.
const KEYCLOAK_JOURNEYS = ["onboarding.spec.ts", "tenant-admin.spec.ts", "user-rename.spec.ts", "scim.spec.ts", "identity.spec.ts", "custom-domain.spec.ts", "sessions.spec.ts"];
const onKeycloak = e2eIdentity === "keycloak";

// Debian's Chromium; Playwright cannot download its own browsers here. A missing browser fails the run.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  projects: [onKeycloak ? { name: "keycloak", testMatch: KEYCLOAK_JOURNEYS } : { name: "embedded" }],
  forbidOnly: Boolean(process.env.CI),
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath,
      // *.test hosts (e2e/custom-domain.spec.ts) resolve to this machine, as a customer's DNS would send them.
      args: [
        "--host-resolver-rules=MAP *.test 127.0.0.1",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: TEST_APP_COMMAND,
    // Ready once the console's realm and first superadmin exist (on Keycloak a few seconds after start).
    url: `http://127.0.0.1:${port}/readyz`,
    // Keycloak starts in 15–30 s on two cores (installed beforehand by `npm run keycloak -- install`).
    timeout: onKeycloak ? 300_000 : 120_000,
    // serve.ts stops the identity server and PostgreSQL it started; Keycloak's JVM takes a few seconds.
    gracefulShutdown: { signal: "SIGTERM", timeout: 40_000 },
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      ...testAppEnv({ port, idpPort, pgPort: Number(process.env.E2E_PG_PORT ?? (onKeycloak ? "54342" : "54340")), dataDir: e2eDataDir, identity: e2eIdentity }),
      // An overdue customer is locked out at once (e2e/standing.spec.ts); the default is 7 days.
      GATEHOUSE_STANDING_GRACE_DAYS: "0",
      // Custom-domain verification asks the spec's own DNS server (e2e/custom-domain.spec.ts).
      GATEHOUSE_DNS_SERVERS: `127.0.0.1:${process.env.E2E_DNS_PORT ?? 5351}`,
      // A verified domain whose record is gone loses its verification on the second failed check (default: 3 checks over 2 days).
      GATEHOUSE_DOMAIN_RECHECK_GRACE_MS: "0",
      GATEHOUSE_DOMAIN_RECHECK_FAILURES: "2",
      // A verified domain also moves the realm's frontendUrl there (same host, the identity server's port).
      GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE: `http://{domain}:${idpPort}`,
    },
  },
});
