import type { ServerResponse } from "node:http";

/** An error that is the HTTP response: status and JSON body (Keycloak's error shapes). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === "string" ? body.error : typeof body.errorMessage === "string" ? body.errorMessage : `HTTP ${status}`);
  }
}

export const notFound = (error: string) => new HttpError(404, { error });
export const conflict = (errorMessage: string) => new HttpError(409, { errorMessage });
export const badRequest = (errorMessage: string) => new HttpError(400, { error: "invalid_request", errorMessage });

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(payload);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-length": "0", ...headers });
  res.end();
}

/** Pages of the login flow: never cached, never framed, no referrer leaking interaction ids. */
export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; frame-ancestors 'none'; base-uri 'none'",
    ...headers,
  });
  res.end(html);
}
