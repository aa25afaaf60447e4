import type { IncomingMessage, ServerResponse } from "node:http";
import type { BlockList } from "node:net";
import type pino from "pino";
import type { Db } from "@/idp/db";
import { handleAdmin } from "@/idp/admin/router";
import { rememberClientAddress } from "@/idp/http/client-address";
import { HttpError, sendHtml, sendJson } from "@/idp/http/respond";
import { pathSegments } from "@/idp/http/paths";
import { decodeComponent } from "@/shared/percent";
import { checkedQuery, refuseUnsafeText } from "@/idp/http/body";
import { handleLoginAction } from "@/idp/login/handler";
import { brandOf, suspendedPage } from "@/idp/login/render";
import { handleIntrospection } from "@/idp/oidc/introspection";
import { rememberRequestOrigin } from "@/idp/oidc/backchannel";
import { INTROSPECTION_PATH, OIDC_ROUTES, realmPath, realmPublicUrl, USERINFO_PATH } from "@/idp/oidc/paths";
import type { RealmRuntime, RealmRuntimes } from "@/idp/oidc/runtime";
import { handleUserinfo } from "@/idp/oidc/userinfo";
import { publishedKeys, spkiBase64 } from "@/idp/store/keys";

export interface AppDeps {
  db: Db;
  runtimes: RealmRuntimes;
  publicUrl: string;
  cookieSecret: string;
  /** Proxies whose X-Forwarded-For names the client (shared/net/forwarded.ts); empty: the socket's peer is the client. */
  trustedProxies: BlockList;
  log: pino.Logger;
}

/** What a suspended realm still serves: metadata, keys (to verify old tokens) and logout. */
const OPEN_WHEN_DISABLED = new Set<string>([
  "/.well-known/openid-configuration",
  OIDC_ROUTES.jwks,
  OIDC_ROUTES.end_session,
  `${OIDC_ROUTES.end_session}/confirm`,
  `${OIDC_ROUTES.end_session}/success`,
]);

/** Keycloak's `GET /realms/{realm}` (PublishedRealmRepresentation). */
async function realmInfo(deps: AppDeps, runtime: RealmRuntime, res: ServerResponse): Promise<void> {
  const [active] = await publishedKeys(deps.db, runtime.realm.name);
  sendJson(res, 200, {
    realm: runtime.realm.name,
    ...(active ? { public_key: spkiBase64(active) } : {}),
    "token-service": `${runtime.issuer}/protocol/openid-connect`,
    "account-service": `${runtime.issuer}/account`,
    "tokens-not-before": 0,
  });
}

async function handleRealm(deps: AppDeps, req: IncomingMessage, res: ServerResponse, raw: string[], search: string): Promise<void> {
  const name = decodeComponent(raw[1] ?? "");
  const runtime = name === null ? null : await deps.runtimes.get(name);
  if (!runtime) throw new HttpError(404, { error: "Realm does not exist" });
  const { realm } = runtime;
  const rest = raw.slice(2);
  const path = `/${rest.join("/")}`;

  // oidc-provider builds every URL from the request; make that the public URL whatever the
  // Host the request came with (the provider is told to trust these headers).
  const pub = new URL(realmPublicUrl(deps.publicUrl, realm.attributes));
  rememberRequestOrigin(req);
  rememberClientAddress(req, deps.trustedProxies); // sign-in throttling and login events count by it
  req.headers["x-forwarded-host"] = pub.host;
  req.headers["x-forwarded-proto"] = pub.protocol.slice(0, -1);
  delete req.headers["x-forwarded-for"];

  if (rest.length === 0) return realmInfo(deps, runtime, res);
  if (rest[0] === "login-actions" && rest.length === 2) {
    const uid = decodeComponent(rest[1] ?? "");
    if (uid === null) throw new HttpError(404, { error: "Not found" });
    return handleLoginAction({ db: deps.db, cookieSecret: deps.cookieSecret }, runtime, uid, req, res);
  }
  if (!realm.enabled && !OPEN_WHEN_DISABLED.has(path)) {
    if (path.startsWith(OIDC_ROUTES.authorization)) return sendHtml(res, 403, suspendedPage(brandOf(realm)));
    throw new HttpError(403, { error: "access_denied", error_description: "This workspace is suspended." });
  }
  if (path === USERINFO_PATH) return handleUserinfo(deps.db, runtime, req, res);
  if (path === INTROSPECTION_PATH) return handleIntrospection(deps.db, runtime, req, res);

  // oidc-provider serves discovery at its root; every other route is configured with the realm prefix.
  req.url = path.startsWith("/.well-known/") ? `${path}${search}` : `${realmPath(realm.name)}${path}${search}`;
  await runtime.handle(req, res);
}

/** The identity server's single request handler: realms (OIDC, login pages) and the admin API. */
export function createRequestHandler(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const raw = url.pathname.split("/").filter(Boolean);
      // Text PostgreSQL cannot store is refused here, for every route (bodies: idp/http/body.ts).
      checkedQuery(url.searchParams);
      refuseUnsafeText(
        raw.map((segment) => decodeComponent(segment) ?? ""),
        "The path",
      );
      if (raw[0] === "realms" && raw.length >= 2) return await handleRealm(deps, req, res, raw, url.search);
      if (raw[0] === "admin" && raw[1] === "realms") {
        const segments = pathSegments(url.pathname);
        if (!segments) throw new HttpError(400, { error: "invalid_request", errorMessage: "Malformed path." });
        return await handleAdmin(deps, req, res, segments.slice(2), url.searchParams);
      }
      if (url.pathname === "/" || url.pathname === "/health" || url.pathname === "/health/ready") {
        return sendJson(res, 200, { status: "UP", realms: `${deps.publicUrl}/realms/{realm}` });
      }
      throw new HttpError(404, { error: "Not found" });
    } catch (error) {
      if (res.headersSent) {
        deps.log.error({ err: error, url: req.url }, "request failed after the response started");
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
      deps.log.error({ err: error, method: req.method, url: req.url }, "request failed");
      sendJson(res, 500, { error: "unknown_error" });
    }
  };
}
