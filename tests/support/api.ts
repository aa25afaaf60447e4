import { encode } from "next-auth/jwt";
import { sessionSecret } from "@/lib/secrets/tenant-secrets";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/options";
import { startAppSession } from "@/lib/sessions/service";
import { createTenantDatabase, migrateTenantDatabase } from "@/lib/provisioning/database-steps";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";

// Drives route handlers in tests the way Next does: a real Request with a Host header.

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Json = Record<string, unknown>;

export interface Call {
  host: string;
  path: string;
  params?: Record<string, string>;
  method?: string;
  key?: string;
  cookie?: string;
  body?: unknown;
  rawBody?: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

/** Calls a route handler as Next would: a real Request with a Host header, and the params promise. */
export async function call(handler: Handler, c: Call): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { host: c.host, ...c.headers };
  if (c.key) headers.authorization = `Bearer ${c.key}`;
  if (c.cookie) headers.cookie = c.cookie;
  let body: BodyInit | undefined;
  if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    headers["content-type"] ??= "application/json";
  } else if (c.rawBody !== undefined) body = c.rawBody;
  const request = new Request(`http://${c.host}${c.path}`, {
    method: c.method ?? "GET",
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(c.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** A next-auth session cookie as the tenant's own sign-in would set it. */
const databaseReady = new Set<string>();

/**
 * Nobody signs in before the tenant's database exists (provisioning creates it before the realm).
 * Tests that use the console's tenant without provisioning it run those two steps first.
 */
async function ensureDatabaseOf(tenant: ResolvedTenant): Promise<void> {
  if (tenant.status === "active" || databaseReady.has(tenant.id)) return;
  const context = { tenant, log: logger().child({ component: "test-session" }) };
  await createTenantDatabase(context);
  await migrateTenantDatabase(context);
  databaseReady.add(tenant.id);
}

/** The cookie a sign-in to `tenant` would set: a recorded app session (lib/sessions) and the JWT naming it. */
export async function sessionCookie(tenant: ResolvedTenant, username: string, roles: string[], subject?: string): Promise<string> {
  await ensureDatabaseOf(tenant);
  const sid = await startAppSession(tenant, username, { actor: `${tenant.key}/${username}`, ip: "127.0.0.1", userAgent: "vitest" }, SESSION_MAX_AGE_SECONDS);
  return `next-auth.session-token=${await encode({ token: { tenant: tenant.key, username, roles, sid, ...(subject ? { sub: subject } : {}) }, secret: sessionSecret(tenant.id) })}`;
}
