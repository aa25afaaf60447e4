import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

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
  forbidOnly: Boolean(process.env.CI),
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath,
      // *.test hosts (e2e/custom-domain.spec.ts) resolve to this machine, as a customer's DNS would send them.
      args: ["--host-resolver-rules=MAP *.test 127.0.0.1", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node scripts/with-node24.mjs scripts/serve.ts start",
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      GATEHOUSE_BASE_URL: `http://localhost:${port}`,
      GATEHOUSE_DATA_DIR: ".data/e2e",
      GATEHOUSE_EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54340",
      GATEHOUSE_IDP_PORT: process.env.E2E_IDP_PORT ?? "8180",
      GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME: "superadmin",
      GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: "e2e-superadmin-password",
      GATEHOUSE_CONTROLLER_POLL_MS: "500",
      // An overdue customer is locked out at once (e2e/standing.spec.ts); the default is 7 days.
      GATEHOUSE_STANDING_GRACE_DAYS: "0",
      // Custom-domain verification asks the spec's own DNS server (e2e/custom-domain.spec.ts).
      GATEHOUSE_DNS_SERVERS: `127.0.0.1:${process.env.E2E_DNS_PORT ?? 5351}`,
      // A verified domain whose record is gone loses its verification on the second failed check (default: 3 checks over 2 days).
      GATEHOUSE_DOMAIN_RECHECK_GRACE_MS: "0",
      GATEHOUSE_DOMAIN_RECHECK_FAILURES: "2",
      LOG_LEVEL: "warn",
    },
  },
});
