/** Tunables of the embedded identity server, in one place so the README can quote them. */

/**
 * argon2id parameters for password hashes: OWASP's first recommended set (19 MiB, 2 passes,
 * 1 lane), about 27 ms per verification on one core of the development machines. Hashes made with
 * other parameters still verify and are re-hashed with these at the next successful login.
 */
export const ARGON2_PARAMS = { type: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Brute-force protection defaults of a new realm (Keycloak's field names and defaults). The
 * embedded server applies them per (login name, client address), not per user
 * (idp/store/login-throttles.ts); Gatehouse's realms set their own (lib/identity/realms.ts).
 */
export const BRUTE_FORCE_DEFAULTS = {
  bruteForceProtected: true,
  bruteForceStrategy: "MULTIPLE",
  failureFactor: 5,
  waitIncrementSeconds: 60,
  maxFailureWaitSeconds: 900,
  /** Failures older than this are forgotten (Keycloak's "failure reset time"). */
  maxDeltaTimeSeconds: 43_200,
} as const;

/** Token and session lifetimes of a new realm, in seconds (Keycloak's defaults). */
export const LIFETIME_DEFAULTS = {
  accessTokenLifespan: 300,
  ssoSessionIdleTimeout: 1_800,
  ssoSessionMaxLifespan: 36_000,
} as const;

export const AUTHORIZATION_CODE_TTL = 60;
export const INTERACTION_TTL = 1_800;

/** Per-realm oidc-provider instances kept in memory. */
export const DEFAULT_REALM_CACHE_MAX = 1_000;
/** Bounds how long another process's change to a realm (keys, clients) can go unseen here. */
export const REALM_CACHE_TTL_MS = 60_000;

/** Signing keys published per realm: the active one and the previous ones still verifying tokens. */
export const PUBLISHED_KEYS = 3;

/**
 * oidc-provider issues JWT access tokens only for a resource server. Every realm has this one,
 * used when a client names no resource; its audience is Keycloak's default "account".
 */
export const DEFAULT_RESOURCE = "urn:gatehouse:idp:default-resource";
export const ACCESS_TOKEN_AUDIENCE = "account";

/** Scopes every realm understands; the user's profile claims come regardless, as in Keycloak. */
export const SUPPORTED_SCOPES = ["openid", "profile", "email", "roles", "web-origins", "acr", "basic"] as const;

export const MAX_BODY_BYTES = 1_048_576;
export const DEFAULT_BRAND_COLOR = "#2563eb";
export const MASTER_REALM = "master";
export const ADMIN_CLI_CLIENT = "admin-cli";
export const ADMIN_ROLE = "admin";
