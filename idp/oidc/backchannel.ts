import type { IncomingMessage } from "node:http";
import type Provider from "oidc-provider";

/**
 * Keycloak as Gatehouse runs it (`--hostname-backchannel-dynamic=true`, the setting its hostname
 * guide gives for servers that call it on an internal address) names its back-channel endpoints at
 * the address the request came to, while the issuer and the browser-facing endpoints stay on the
 * public URL — the realm's `frontendUrl` when a custom domain set one. The embedded server does the
 * same, so the app's server can use a realm on a custom domain that only browsers resolve.
 */
const BACKCHANNEL_ENDPOINTS = [
  "token_endpoint",
  "introspection_endpoint",
  "userinfo_endpoint",
  "jwks_uri",
  "revocation_endpoint",
  "pushed_authorization_request_endpoint",
] as const;

const REQUEST_ORIGIN = Symbol.for("gatehouse.idp.requestOrigin");
type WithOrigin = IncomingMessage & { [REQUEST_ORIGIN]?: string };

/** Keeps the origin a request was sent to (before the router rewrites its forwarded headers). */
export function rememberRequestOrigin(req: IncomingMessage): void {
  const host = req.headers.host;
  const url = host && !/[/\\?#@]/.test(host) ? URL.parse(`http://${host}`) : null;
  if (url) (req as WithOrigin)[REQUEST_ORIGIN] = url.origin;
}

/** Rewrites the discovery document's back-channel endpoints to the origin the request came to. */
export function serveBackchannelEndpointsDynamically(provider: Provider, publicOrigin: string): void {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== "discovery" || typeof ctx.body !== "object" || ctx.body === null) return;
    const origin = (ctx.req as WithOrigin)[REQUEST_ORIGIN];
    if (!origin || origin === publicOrigin) return;
    const document = ctx.body as Record<string, unknown>;
    for (const name of BACKCHANNEL_ENDPOINTS) {
      const value = document[name];
      if (typeof value === "string" && value.startsWith(`${publicOrigin}/`)) document[name] = origin + value.slice(publicOrigin.length);
    }
  });
}
