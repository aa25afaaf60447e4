import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeProtectedHeader, jwtVerify } from "jose";
import type { Queryable } from "@/idp/db";
import { readForm } from "@/idp/http/body";
import { sendJson } from "@/idp/http/respond";
import { decodeComponent } from "@/shared/percent";
import type { RealmRuntime } from "@/idp/oidc/runtime";
import { findClientByClientId, type Client } from "@/idp/store/clients";
import { findUser } from "@/idp/store/users";

/** A form-encoded credential (RFC 6749 §2.3.1), or null when it does not decode. */
function formDecode(value: string): string | null {
  return decodeComponent(value.replaceAll("+", " "));
}

/** client_secret_basic or client_secret_post for confidential clients; client_id alone for public ones. */
async function authenticateClient(db: Queryable, realm: string, req: IncomingMessage, form: URLSearchParams): Promise<Client | null> {
  let id = form.get("client_id");
  let secret = form.get("client_secret");
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    id = formDecode(decoded.slice(0, colon));
    secret = formDecode(decoded.slice(colon + 1));
    if (id === null || secret === null) return null;
  }
  if (!id) return null;
  const client = await findClientByClientId(db, realm, id);
  if (!client?.enabled) return null;
  if (client.publicClient) return secret ? null : client;
  if (!secret || !client.secret) return null;
  const [a, b] = [Buffer.from(secret), Buffer.from(client.secret)];
  return a.length === b.length && timingSafeEqual(a, b) ? client : null;
}

function isJwt(token: string): boolean {
  try {
    return Boolean(decodeProtectedHeader(token));
  } catch {
    return false;
  }
}

async function accessTokenInfo(db: Queryable, runtime: RealmRuntime, token: string): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await jwtVerify(token, runtime.keySet, { issuer: runtime.issuer, algorithms: ["RS256"], typ: "at+jwt" });
    const clientId = typeof payload.client_id === "string" ? payload.client_id : "";
    const client = await findClientByClientId(db, runtime.realm.name, clientId);
    if (!client?.enabled) return null;
    if (payload.sub && payload.sub !== clientId) {
      const user = await findUser(db, runtime.realm.name, payload.sub);
      if (!user?.enabled) return null;
    }
    return { ...payload, ...(typeof payload.preferred_username === "string" ? { username: payload.preferred_username } : {}), token_type: "Bearer" };
  } catch {
    return null;
  }
}

async function refreshTokenInfo(db: Queryable, runtime: RealmRuntime, token: string): Promise<Record<string, unknown> | null> {
  const refresh = await runtime.provider.RefreshToken.find(token);
  if (!refresh?.isValid || !refresh.grantId || !(await runtime.provider.Grant.find(refresh.grantId))) return null;
  const user = refresh.accountId ? await findUser(db, runtime.realm.name, refresh.accountId) : null;
  if (!user?.enabled) return null;
  return {
    sub: user.id,
    username: user.username,
    client_id: refresh.clientId,
    azp: refresh.clientId,
    exp: refresh.exp,
    iat: refresh.iat,
    iss: runtime.issuer,
    scope: refresh.scope,
    typ: "Refresh",
    token_type: "Refresh",
  };
}

/**
 * Token introspection (RFC 7662) at Keycloak's `token/introspect`. oidc-provider refuses to
 * introspect JWT access tokens, which are the only kind issued here, so this answers for both
 * them (verified against the realm's keys, user and client still enabled) and refresh tokens.
 */
export async function handleIntrospection(db: Queryable, runtime: RealmRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") return sendJson(res, 405, { error: "invalid_request", error_description: "method not allowed" }, { allow: "POST" });
  const form = await readForm(req);
  const client = await authenticateClient(db, runtime.realm.name, req, form);
  if (!client) return sendJson(res, 401, { error: "invalid_client", error_description: "Authentication failed." });
  const token = form.get("token");
  if (!token) return sendJson(res, 400, { error: "invalid_request", error_description: "Token not provided." });

  const info = isJwt(token) ? await accessTokenInfo(db, runtime, token) : await refreshTokenInfo(db, runtime, token);
  // A public client may only introspect its own tokens.
  if (!info || (client.publicClient && info.client_id !== client.clientId)) return sendJson(res, 200, { active: false });
  sendJson(res, 200, { ...info, active: true });
}
