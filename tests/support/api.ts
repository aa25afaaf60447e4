import { encode } from "next-auth/jwt";
import { sessionSecret } from "@/lib/auth/client-secret";
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
  const request = new Request(`http://${c.host}${c.path}`, { method: c.method ?? "GET", headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(c.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}


/** A next-auth session cookie as the tenant's own sign-in would set it. */
export async function sessionCookie(tenant: ResolvedTenant, username: string, roles: string[], subject?: string): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { tenant: tenant.key, username, roles, ...(subject ? { sub: subject } : {}) }, secret: sessionSecret(tenant.id) })}`;
}
