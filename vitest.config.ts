import { defineConfig } from "vitest/config";
import { ON_BOTH_SERVERS } from "./tests/support/on-both-servers.ts";

// The suites that drive an identity server run twice: on the embedded server ("embedded", with
// every other test) and on the real Keycloak that tests/global-setup.ts starts ("keycloak").
const keycloakOff = process.env.GATEHOUSE_TEST_KEYCLOAK === "off";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: "embedded", include: ["lib/**/*.test.ts", "shared/**/*.test.ts", "tests/**/*.test.ts", "idp/**/*.test.ts"] },
      },
      ...(keycloakOff ? [] : [{ extends: true, test: { name: "keycloak", include: ON_BOTH_SERVERS, setupFiles: ["tests/support/on-keycloak.ts"] } }]),
    ],
  },
});
