import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const envSchema = z.object({
  /** The owner's login: migrations, creating and dropping tenant databases, and the grants to the app's role. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * The app's own login for every query, on the control database: a role with only the DML the
   * app needs (lib/db/app-role.ts). Unset: queries run as DATABASE_URL's role, which can drop the
   * audit tables' append-only triggers.
   */
  GATEHOUSE_APP_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .refine((u) => new URL(u).username !== "", "must name the app's role: postgresql://role:password@host/database")
    .optional(),
  GATEHOUSE_BASE_URL: z.url().default("http://localhost:3000"),
  GATEHOUSE_TRUST_FORWARDED_HOST: booleanFlag.default(false),
  /** Proxies whose X-Forwarded-For/-Proto/-Host count (addresses, CIDR ranges, `loopback`, `private`); unset: none (lib/net/forwarded.ts). */
  GATEHOUSE_TRUSTED_PROXIES: z.string().trim().optional(),
  /** Largest request body the app's server accepts (a larger declared Content-Length is refused before it is read). */
  GATEHOUSE_MAX_REQUEST_BYTES: z.coerce.number().int().min(1_024).default(3 * 1024 * 1024),
  /** How long a client may take to send a whole request, body included. */
  GATEHOUSE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30_000),
  GATEHOUSE_TENANT_CLIENT_CACHE_MAX: z.coerce.number().int().min(1).max(10_000).default(50),
  GATEHOUSE_TENANT_CLIENT_IDLE_MS: z.coerce.number().int().min(1_000).default(300_000),
  GATEHOUSE_HOST_CACHE_MAX: z.coerce.number().int().min(100).max(1_000_000).default(50_000),
  GATEHOUSE_HOST_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  GATEHOUSE_CONTROLLER: booleanFlag.default(true),
  GATEHOUSE_CONTROLLER_POLL_MS: z.coerce.number().int().min(50).default(2_000),
  GATEHOUSE_PROVISIONING_MAX_AUTO_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** How often the login-event import runs (in one app process at a time, holding a lease) and polls an active realm (0: only when read). */
  GATEHOUSE_AUDIT_LOGIN_IMPORT_MS: z.coerce.number().int().min(0).default(60_000),
  /** The longest an idle realm goes unpolled by the login-event import (each empty poll doubles its interval up to this). */
  GATEHOUSE_AUDIT_LOGIN_IMPORT_MAX_MS: z.coerce.number().int().min(1_000).max(7 * 24 * 3_600_000).default(6 * 3_600_000),
  /** Requests a minute to the REST and SCIM APIs from one client address (0: no limit). */
  GATEHOUSE_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(600),
  /** Requests a minute from one API key or signed-in user, per tenant (0: no limit); a tenant may have its own. */
  GATEHOUSE_RATE_LIMIT_PER_CALLER: z.coerce.number().int().min(0).default(300),
  /** Requests a minute to one tenant's APIs from everyone together (0: no limit); a tenant may have its own. */
  GATEHOUSE_RATE_LIMIT_PER_TENANT: z.coerce.number().int().min(0).default(3_000),
  /** Set-password and invitation submissions from one client address per 10 minutes (0: no limit). */
  GATEHOUSE_RATE_LIMIT_LINKS_PER_ADDRESS: z.coerce.number().int().min(0).default(20),
  GATEHOUSE_QUOTA_API_KEYS: z.coerce.number().int().min(0).max(10_000).default(25),
  GATEHOUSE_QUOTA_USERS: z.coerce.number().int().min(0).max(10_000_000).default(1_000_000),
  GATEHOUSE_QUOTA_ORG_UNITS: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
  GATEHOUSE_QUOTA_MEMBERSHIPS: z.coerce.number().int().min(0).max(10_000_000).default(5_000_000),
  /** Days a deleted tenant stays restorable before the controller purges it (fractions allowed). */
  GATEHOUSE_DELETION_RETENTION_DAYS: z.coerce.number().min(0).max(3_650).default(30),
  GATEHOUSE_STANDING_GRACE_DAYS: z.coerce.number().min(0).max(365).default(7),
  /** DNS servers custom-domain verification asks, comma-separated `ip` or `ip:port`; unset: the system's resolvers. */
  GATEHOUSE_DNS_SERVERS: z.string().trim().optional(),
  /** Host a custom domain's CNAME points at; unset: the base domain of GATEHOUSE_BASE_URL. */
  GATEHOUSE_CUSTOM_DOMAIN_TARGET: z.string().trim().min(1).optional(),
  /** How often each process looks for pending custom domains whose DNS check is due (0: never in the background). */
  GATEHOUSE_DOMAIN_CHECK_POLL_MS: z.coerce.number().int().min(0).default(15_000),
  /** How often a verified custom domain's TXT record is checked again (spread ±10 %; 0: never). */
  GATEHOUSE_DOMAIN_RECHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(86_400_000),
  /** How long a verified domain's record may be missing or wrong before it loses its verification. */
  GATEHOUSE_DOMAIN_RECHECK_GRACE_MS: z.coerce.number().int().min(0).default(172_800_000),
  /** …and on at least this many consecutive re-checks (DNS errors do not count). */
  GATEHOUSE_DOMAIN_RECHECK_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  /**
   * Where a realm is reachable on a tenant's custom domain behind the operator's proxy, e.g.
   * `https://{domain}/auth`; set: the realm's `frontendUrl` follows the primary verified domain.
   */
  GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE: z
    .string()
    .trim()
    .refine((t) => t.includes("{domain}") && URL.canParse(t.replaceAll("{domain}", "example.com")), "must be a URL containing {domain}, e.g. https://{domain}/auth")
    .optional(),
  GATEHOUSE_SUPPORT_CONTACT: z.string().trim().min(1).default("your platform operator"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Validated configuration. Throws with every problem listed when the environment is wrong. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

export function requireDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm run dev` (embedded PostgreSQL) or set DATABASE_URL.");
  return url;
}

/** Scheme, base domain and port that tenant and console URLs are built from. */
export function publicBase(): { protocol: string; baseDomain: string; port: string } {
  const url = new URL(env().GATEHOUSE_BASE_URL);
  return { protocol: url.protocol, baseDomain: url.hostname, port: url.port };
}

export function urlForHost(subdomain: string | null): string {
  const { protocol, baseDomain, port } = publicBase();
  const host = subdomain ? `${subdomain}.${baseDomain}` : baseDomain;
  return `${protocol}//${host}${port ? `:${port}` : ""}`;
}
