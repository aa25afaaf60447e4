// Where the browser tests' app and identity server run; shared by playwright.config.ts and the specs.

/** "embedded" (default) or "keycloak": which identity server `serve.ts start` brings up for the run. */
export const e2eIdentity = process.env.E2E_IDENTITY === "keycloak" ? "keycloak" : "embedded";
export const port = Number(process.env.E2E_PORT ?? 3100);
export const idpPort = Number(process.env.E2E_IDP_PORT ?? (e2eIdentity === "keycloak" ? 8190 : 8180));
/** The app's data (PostgreSQL cluster, secret key) for the run; scripts/test.ts deletes it first. */
export const e2eDataDir = e2eIdentity === "keycloak" ? ".data/e2e-keycloak" : ".data/e2e";
