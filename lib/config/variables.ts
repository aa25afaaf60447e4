import { z } from "zod";

// Every environment variable Gatehouse reads, once: its type, its default and what it does. The
// sections are parsed by lib/config/env.ts; the configuration table in the docs is generated from
// the descriptions (`npm run docs:config`, kept in step by tests/config-docs.test.ts).

/** What the docs say about a variable: its meaning (markdown) and, without a zod default, what "unset" means. */
export interface VariableDoc {
  description: string;
  shownDefault?: string;
}

export const variableDocs = z.registry<VariableDoc>();

/** `schema` documented: `description` in the docs' table, `shownDefault` when zod holds no default. */
function described<S extends z.ZodType>(schema: S, description: string, shownDefault?: string): S {
  variableDocs.add(schema as z.ZodType, shownDefault === undefined ? { description } : { description, shownDefault });
  return schema;
}

const booleanFlag = z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"]).transform((v) => ["true", "1", "yes", "on"].includes(v));
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });
const count = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

/** Read once per process (`env()`): the app's settings. */
export const appVariables = z.object({
  DATABASE_URL: described(
    postgresUrl.optional(),
    "Control-plane database, as the schema's owner: migrations, creating and dropping tenant databases, the grants to the app's role. Needs `CREATEDB`. Unset: `npm run dev`/`npm start` run the embedded PostgreSQL.",
    "embedded",
  ),
  GATEHOUSE_APP_DATABASE_URL: described(
    postgresUrl.refine((u) => new URL(u).username !== "", "must name the app's role: postgresql://role:password@host/database").optional(),
    "The control-plane database again, as the role every query of the app uses (its pools, Prisma clients, the rate-limit counters, the controller's locks); tenant databases are reached with the same user and password. It gets only the DML it needs (it can add and read audit events, never change, delete or unguard them); see [Security](security.md). Unset: queries run as `DATABASE_URL`'s role and the app warns at start that the audit tables are then not protected from it. The embedded PostgreSQL creates the role and sets this.",
    "embedded: `gatehouse_app`",
  ),
  GATEHOUSE_BASE_URL: described(
    z.url().default("http://localhost:3000"),
    "Scheme, base domain and port of the deployment: the console is `console.<base>`, tenants `<key>.<base>`.",
  ),
  GATEHOUSE_TRUST_FORWARDED_HOST: described(
    booleanFlag.default(false),
    "Use `X-Forwarded-Host` instead of `Host` to resolve the tenant. Only behind a proxy that sets it, listed in `GATEHOUSE_TRUSTED_PROXIES`.",
  ),
  GATEHOUSE_TRUSTED_PROXIES: described(
    z.string().trim().optional(),
    "Proxies whose `X-Forwarded-*` headers count: addresses, CIDR ranges, `loopback`, `private`, comma-separated. Unset: none, the client is the socket's peer (see [Security](security.md)).",
  ),
  GATEHOUSE_MAX_REQUEST_BYTES: described(count(1_024).default(3 * 1024 * 1024), "Largest request body; a larger declared `Content-Length` is refused (413) before it is read."),
  GATEHOUSE_REQUEST_TIMEOUT_MS: described(count(1_000).default(30_000), "How long a client may take to send a whole request (then 408)."),
  GATEHOUSE_TENANT_CLIENT_CACHE_MAX: described(count(1, 10_000).default(50), "Tenant database clients kept open per process (LRU)."),
  GATEHOUSE_TENANT_CLIENT_IDLE_MS: described(count(1_000).default(300_000), "A tenant database client unused this long is closed."),
  GATEHOUSE_HOST_CACHE_MAX: described(
    count(100, 1_000_000).default(50_000),
    "Host → tenant lookups cached per process (LRU); the per-tenant caches (standing, branding) are bounded alike.",
  ),
  GATEHOUSE_HOST_CACHE_TTL_MS: described(count(0).default(30_000), "Longest a cached lookup lives; changes invalidate it at once (see [Architecture](architecture.md))."),
  GATEHOUSE_CONTROLLER: described(booleanFlag.default(true), "Run the provisioning controller in this process. Any number of processes may run one."),
  GATEHOUSE_CONTROLLER_POLL_MS: described(count(50).default(2_000), "How often the controller looks for work (it is also woken at once by `NOTIFY`)."),
  GATEHOUSE_PROVISIONING_MAX_AUTO_ATTEMPTS: described(count(1, 20).default(3), "Attempts of a failing step before it waits for a manual retry (backoff 1 s, 2 s, 4 s … ≤ 60 s)."),
  GATEHOUSE_AUDIT_LOGIN_IMPORT_MS: described(
    count(0).default(60_000),
    "How often the background login-event import runs (in the one app process holding its lease) and how often it polls a realm with sign-in activity; `0`: only when the trail is read.",
  ),
  GATEHOUSE_AUDIT_LOGIN_IMPORT_MAX_MS: described(
    count(1_000, 7 * 24 * 3_600_000).default(6 * 3_600_000),
    "The longest an idle realm goes unpolled by the background import: each poll that finds no new events doubles the realm's interval, up to this.",
  ),
  GATEHOUSE_RATE_LIMIT_PER_ADDRESS: described(count(0).default(600), "REST and SCIM requests a minute from one client address (0: no limit); see [Security](security.md)."),
  GATEHOUSE_RATE_LIMIT_PER_CALLER: described(count(0).default(300), "Requests a minute from one API key or signed-in user, per tenant (0: no limit); a tenant may have its own."),
  GATEHOUSE_RATE_LIMIT_PER_TENANT: described(count(0).default(3_000), "Requests a minute to one tenant's APIs from everyone together (0: no limit); a tenant may have its own."),
  GATEHOUSE_RATE_LIMIT_LINKS_PER_ADDRESS: described(count(0).default(20), "Set-password and invitation submissions per client address and tenant in 10 minutes (0: no limit)."),
  GATEHOUSE_QUOTA_API_KEYS: described(count(0, 10_000).default(25), "Active API keys allowed per tenant (default; a tenant may have an override)."),
  GATEHOUSE_QUOTA_USERS: described(
    count(0, 10_000_000).default(1_000_000),
    "Users allowed per tenant (default; generous, so tenants of the size the benchmarks use fit — set per-tenant overrides for tighter plans).",
  ),
  GATEHOUSE_QUOTA_ORG_UNITS: described(count(0, 10_000_000).default(100_000), "Org units allowed per tenant (default)."),
  GATEHOUSE_QUOTA_MEMBERSHIPS: described(count(0, 10_000_000).default(5_000_000), "OU memberships allowed per tenant (default)."),
  GATEHOUSE_DELETION_RETENTION_DAYS: described(
    z.coerce.number().min(0).max(3_650).default(30),
    "Days a deleted tenant stays restorable before the controller purges its database and realm (fractions allowed).",
  ),
  GATEHOUSE_STANDING_GRACE_DAYS: described(
    z.coerce.number().min(0).max(365).default(7),
    "Days an `overdue` payment or a `rekyc_due` verification is tolerated (from the change) before the customer's tenants are locked out; fractions allowed, `0` locks out at once.",
  ),
  GATEHOUSE_DNS_SERVERS: described(
    z.string().trim().optional(),
    "DNS servers custom-domain verification asks, comma-separated `ip` or `ip:port` (e.g. `127.0.0.1:5353`).",
    "system resolvers",
  ),
  GATEHOUSE_CUSTOM_DOMAIN_TARGET: described(z.string().trim().min(1).optional(), "Host a custom domain's CNAME record points at, as shown to tenant admins.", "base domain"),
  GATEHOUSE_DOMAIN_CHECK_POLL_MS: described(
    count(0).default(15_000),
    "How often each process with a controller looks for custom domains whose DNS check (pending) or re-check (verified) is due; `0`: no background checks.",
  ),
  GATEHOUSE_DOMAIN_RECHECK_INTERVAL_MS: described(count(0).default(86_400_000), "How often a verified custom domain's TXT record is checked again (±10 %); `0`: never."),
  GATEHOUSE_DOMAIN_RECHECK_GRACE_MS: described(
    count(0).default(172_800_000),
    "How long a verified domain's record may be missing or wrong before the domain loses its verification…",
  ),
  GATEHOUSE_DOMAIN_RECHECK_FAILURES: described(count(1, 100).default(3), "…and on how many re-checks in a row at least (DNS failures do not count)."),
  GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE: described(
    z
      .string()
      .trim()
      .refine((t) => t.includes("{domain}") && URL.canParse(t.replaceAll("{domain}", "example.com")), "must be a URL containing {domain}, e.g. https://{domain}/auth")
      .optional(),
    "The realm's public URL on a custom domain, e.g. `https://{domain}/auth`; set, each realm's `frontendUrl` follows the tenant's primary verified domain (see [custom domains](features/domains.md)).",
  ),
  GATEHOUSE_SUPPORT_CONTACT: described(z.string().trim().min(1).default("your platform operator"), "Whom the status page tells people to contact, e.g. `billing@example.com`."),
  LOG_LEVEL: described(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"), "pino level (`silent` … `trace`). Logs are JSON lines."),
});

/** Read on every use, so the tests can switch identity servers within one process. */
export const identityVariables = z.object({
  KEYCLOAK_URL: described(z.url().optional(), "Use this Keycloak (the URL browsers reach) instead of the embedded identity server."),
  KEYCLOAK_ADMIN_URL: described(
    z.url().optional(),
    "Where the app's server reaches Keycloak: the admin API and back-channel OIDC (discovery, token, JWKS). Keep `/admin/` off the public URL.",
    "`KEYCLOAK_URL`",
  ),
  KEYCLOAK_ADMIN_CLIENT_ID: described(
    z.string().min(1).optional(),
    "A `master`-realm service account (client credentials grant, with `KEYCLOAK_ADMIN_CLIENT_SECRET`) for the admin API; preferred over a user when set.",
  ),
  KEYCLOAK_ADMIN_CLIENT_SECRET: described(z.string().min(1).optional(), "The service account's secret."),
  KEYCLOAK_ADMIN_USERNAME: described(
    z.string().min(1).optional(),
    "Or a `master`-realm admin user (password grant through `KEYCLOAK_ADMIN_CLIENT_ID`, default `admin-cli`). For the embedded server and the local Keycloak the launcher sets the service account instead.",
    "derived",
  ),
  KEYCLOAK_ADMIN_PASSWORD: described(z.string().min(1).optional(), "That user's password.", "derived"),
  KEYCLOAK_ADMIN_TIMEOUT_MS: described(count(500, 120_000).default(10_000), "Longest an admin call may take (shorter than any transaction that waits for one)."),
  GATEHOUSE_IDP_URL: described(
    z.url().default("http://localhost:8080"),
    "The embedded identity server's public URL (issuer base: `<url>/realms/<tenant key>`); the launcher sets it.",
  ),
});

/** Read on every send: mail (two variables, cheap to parse; a test or an operator may change them). */
export const mailVariables = z.object({
  GATEHOUSE_SMTP_URL: described(
    z.url({ protocol: /^smtps?$/ }).optional(),
    "SMTP server for [email](features/mail.md), `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`; URL-encode special characters in the password. Unset: no mail is sent.",
  ),
  GATEHOUSE_MAIL_FROM: described(
    z.string().trim().min(3).optional(),
    "The From header of those mails, e.g. `Acme Login <no-reply@example.com>`; required with `GATEHOUSE_SMTP_URL`.",
  ),
});

/** Read where they are used: the deployment's secret and the first superadmin. */
export const secretVariables = z.object({
  GATEHOUSE_SECRET_KEY: described(
    z.string().min(1).optional(),
    "≥ 32 bytes, base64 or hex. Every secret is derived from it per purpose and tenant: session encryption keys, the `gatehouse` client's secret in each realm, the seal of initial passwords, the embedded identity server's admin credentials. `npm run dev`/`npm start` generate one into `<data dir>/secret.key` when unset; set it in production.",
    "generated",
  ),
  GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME: described(z.string().min(1).optional(), "The first superadmin, created in the root realm at first start.", "`superadmin`"),
  GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: described(z.string().min(1).optional(), "Its password (the default is printed at start; set your own).", "`gatehouse-dev`"),
});

/** Read by the `npm run dev` / `npm start` launcher (scripts/serve.ts) and what it starts. */
export const launcherVariables = z.object({
  PORT: described(count(1, 65_535).default(3_000), "Port the app listens on."),
  GATEHOUSE_DATA_DIR: described(
    z.string().min(1).optional(),
    "Where the embedded PostgreSQL keeps its data (`<dir>/postgres`) and the generated secret key.",
    "`.data` (`.data/on-keycloak` on the local Keycloak)",
  ),
  GATEHOUSE_EMBEDDED_PG_PORT: described(count(1, 65_535).optional(), "Port of the embedded PostgreSQL (listens on 127.0.0.1 only).", "`54320` (`54321` on the local Keycloak)"),
  GATEHOUSE_PG_LOG: described(booleanFlag.default(false), "Print the embedded PostgreSQL's log."),
  GATEHOUSE_QUIET: described(booleanFlag.default(false), "Skip the startup banner."),
  GATEHOUSE_IDENTITY: described(
    z.enum(["embedded", "keycloak"], { message: 'GATEHOUSE_IDENTITY is "embedded" (the default) or "keycloak"' }).default("embedded"),
    "`keycloak`: `npm run dev`/`npm start` install and start the local Keycloak (see [Using Keycloak](identity.md#a-local-keycloak-one-command)) instead of the embedded server; ignored when `KEYCLOAK_URL` is set.",
  ),
  GATEHOUSE_IDP_PORT: described(count(1, 65_535).default(8_080), "Port of the embedded identity server."),
  GATEHOUSE_IDP_TRUSTED_PROXIES: described(
    z.string().trim().optional(),
    "The embedded identity server's trusted proxies (same syntax as `GATEHOUSE_TRUSTED_PROXIES`): whose `X-Forwarded-For` names the client its sign-in throttle counts. Unset: the connection's peer.",
  ),
  GATEHOUSE_KEYCLOAK_PORT: described(count(1, 65_535).default(8_280), "Port of the local Keycloak (its management port, for `/health`, is a free one)."),
  GATEHOUSE_KEYCLOAK_HEAP: described(z.string().trim().min(1).default("-Xms64m -Xmx1g"), "JVM heap flags of the local Keycloak (`JAVA_OPTS_KC_HEAP`)."),
  GATEHOUSE_KEYCLOAK_CACHE: described(z.string().min(1).default(".cache/keycloak"), "Where the local Keycloak is installed (reused between runs)."),
  GATEHOUSE_TEST_KEYCLOAK: described(z.enum(["on", "off"]).default("on"), "`off` leaves Keycloak out of `npm test` on a machine without Java (refused when `CI` is set)."),
});

export const SECTIONS = { app: appVariables, identity: identityVariables, mail: mailVariables, secrets: secretVariables, launcher: launcherVariables } as const;
export type Section = keyof typeof SECTIONS;
