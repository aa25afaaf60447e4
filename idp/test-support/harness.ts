// Test support for the identity server's tests: a database of its own per test file, the real
// server on a free port, keycloak-admin-client logged in as the bootstrap admin, and a minimal
// browser (cookie jar + manual redirects) to drive the login page with fetch.
import { randomBytes } from "node:crypto";
import KcAdminClient from "@keycloak/keycloak-admin-client";
import pg from "pg";
import pino from "pino";
import { startIdentityServer, type RunningIdentityServer } from "@/idp/server";

export const ADMIN = { username: "admin", password: "admin-password-for-tests" };
/** The master realm's admin service account every test server has (client credentials). */
export const SERVICE_ACCOUNT = { clientId: "gatehouse-admin", secret: "service-account-secret-for-tests" };

function clusterUrl(): string {
  const url = process.env.GATEHOUSE_TEST_CLUSTER_URL;
  if (!url) throw new Error("GATEHOUSE_TEST_CLUSTER_URL is set by tests/global-setup.ts");
  return url;
}

/** Database `name` on the test cluster (same host, credentials and options). */
function testDatabaseUrl(name: string): string {
  const url = new URL(clusterUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onCluster<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestIdp {
  server: RunningIdentityServer;
  url: string;
  databaseUrl: string;
  /** A direct connection to the server's database, for assertions. */
  sql: pg.Pool;
  admin(): Promise<KcAdminClient>;
  close(): Promise<void>;
}

/** Starts the identity server on its own fresh database `gh_idp_<random>`. */
export async function startTestIdp(options: { trustedProxies?: string } = {}): Promise<TestIdp> {
  // Lowercase letters, digits and `_`: an SQL identifier and a URL path as it stands.
  const name = `gh_idp_${randomBytes(6).toString("hex")}`;
  await onCluster((c) => c.query(`CREATE DATABASE ${name}`));
  const url = testDatabaseUrl(name);
  const server = await startIdentityServer({
    port: 0,
    databaseUrl: url,
    bootstrapAdmin: ADMIN,
    serviceAccount: SERVICE_ACCOUNT,
    trustedProxies: options.trustedProxies,
    log: pino({ level: "silent" }),
  });
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  return {
    server,
    url: server.url,
    databaseUrl: url,
    sql,
    admin: () => adminClient(server.url),
    async close() {
      await server.close();
      await sql.end();
      await onCluster((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function adminClient(baseUrl: string, credentials = ADMIN): Promise<KcAdminClient> {
  const kc = new KcAdminClient({ baseUrl, realmName: "master" });
  await kc.auth({ grantType: "password", clientId: "admin-cli", ...credentials });
  return kc;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Cookies by name and path, enough to play a browser against one host. */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((p) => p.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = "/";
      let expired = value === "";
      for (const attribute of attributes) {
        const [key = "", val = ""] = attribute.split("=");
        if (key.toLowerCase() === "path") path = val;
        if (key.toLowerCase() === "expires" && new Date(val).getTime() < Date.now()) expired = true;
        if (key.toLowerCase() === "max-age" && Number(val) <= 0) expired = true;
      }
      const key = `${name}\n${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: string): string {
    const { pathname } = new URL(url);
    return [...this.cookies.entries()]
      .filter(([, c]) => pathname === c.path || pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.split("\n")[0]}=${c.value}`)
      .join("; ");
  }

  names(): string[] {
    return [...this.cookies.keys()].map((k) => k.split("\n")[0] ?? "");
  }
}

/** A browser: fetch with cookies, following redirects until `stop` says a URL is the destination. */
export class Browser {
  readonly jar = new CookieJar();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.jar.header(url) };
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
    this.jar.store(response);
    return response;
  }

  /** Follows redirects from `url`; returns the first response that is not a redirect, or the redirect to `stopAt`. */
  async follow(url: string, stopAt: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops++) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      current = new URL(location, current).href;
      if (current.startsWith(stopAt)) return { response, url: current };
      response = await this.request(current);
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

export interface LoginForm {
  action: string;
  csrf: string;
  html: string;
}

export function loginForm(html: string, pageUrl: string): LoginForm {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !csrf) throw new Error(`not a login form:\n${html}`);
  return { action: new URL(action.replaceAll("&#38;", "&"), pageUrl).href, csrf, html };
}

/** The text of the page's role="alert" region. */
export function alertText(html: string): string {
  return /role="alert">([^<]*)</.exec(html)?.[1] ?? "";
}
