// The two identity servers a test file can run against within one vitest project: the embedded
// identity server (the default environment of the tests) and the real Keycloak that
// tests/global-setup.ts starts, handed over as GATEHOUSE_TEST_KEYCLOAK_ENV (JSON). A suite switches
// process.env to one of them and resets the admin client; lib/identity then drives that server.
import { afterAll, beforeAll, describe } from "vitest";
import { resetIdentityAdmin } from "@/lib/identity/admin";

export type IdentityEnv = Record<string, string | undefined>;

export interface IdentityServer {
  kind: "embedded" | "keycloak";
  /** What the suites on it are called. */
  label: string;
  env: IdentityEnv;
  /** False only for Keycloak when a developer left it out (GATEHOUSE_TEST_KEYCLOAK=off, refused in CI). */
  enabled: boolean;
}

/** The embedded server: no KEYCLOAK_URL, the admin service account (and admin user) the launcher set. */
export const embeddedIdentityEnv: IdentityEnv = {
  KEYCLOAK_URL: undefined,
  KEYCLOAK_ADMIN_URL: undefined,
  KEYCLOAK_ADMIN_CLIENT_ID: process.env.KEYCLOAK_ADMIN_CLIENT_ID,
  KEYCLOAK_ADMIN_CLIENT_SECRET: process.env.KEYCLOAK_ADMIN_CLIENT_SECRET,
  KEYCLOAK_ADMIN_USERNAME: process.env.KEYCLOAK_ADMIN_USERNAME,
  KEYCLOAK_ADMIN_PASSWORD: process.env.KEYCLOAK_ADMIN_PASSWORD,
};

/** The Keycloak of tests/global-setup.ts, or null when it was left out. */
export const keycloakIdentityEnv: IdentityEnv | null = process.env.GATEHOUSE_TEST_KEYCLOAK_ENV ? (JSON.parse(process.env.GATEHOUSE_TEST_KEYCLOAK_ENV) as IdentityEnv) : null;

export const embeddedServer: IdentityServer = { kind: "embedded", label: "the embedded identity server", env: embeddedIdentityEnv, enabled: true };

export const keycloakServer: IdentityServer = keycloakIdentityEnv
  ? { kind: "keycloak", label: `Keycloak at ${keycloakIdentityEnv.KEYCLOAK_URL}`, env: keycloakIdentityEnv, enabled: true }
  : { kind: "keycloak", label: "Keycloak — skipped: GATEHOUSE_TEST_KEYCLOAK=off", env: {}, enabled: false };

export const identityServers: readonly IdentityServer[] = [embeddedServer, keycloakServer];

/** Sets the identity environment to `env` and resets the admin client; the returned function restores both. */
export function switchIdentityEnv(env: IdentityEnv): () => void {
  const saved: IdentityEnv = {};
  const apply = (values: IdentityEnv) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetIdentityAdmin();
  };
  for (const k of Object.keys(env)) saved[k] = process.env[k];
  apply(env);
  return () => apply(saved);
}

/**
 * A describe block whose tests run with the identity environment switched to `server` (skipped
 * when that server is not enabled). `cleanup` runs in afterAll before the environment is restored,
 * still on that server.
 */
export function describeOnServer(title: string, server: IdentityServer, body: () => void, cleanup?: () => Promise<void>): void {
  describe.skipIf(!server.enabled)(title, () => {
    let restore: (() => void) | undefined;
    beforeAll(() => {
      restore = switchIdentityEnv(server.env);
    });
    afterAll(async () => {
      try {
        await cleanup?.();
      } finally {
        restore?.();
      }
    });
    body();
  });
}
