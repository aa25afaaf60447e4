import type { IncomingMessage, ServerResponse } from "node:http";
import { jwtVerify } from "jose";
import type { Queryable } from "@/idp/db";
import { readForm } from "@/idp/http/body";
import { sendEmpty, sendJson } from "@/idp/http/respond";
import { mapperClaims, profileClaims } from "@/idp/oidc/claims";
import { originAllowed } from "@/idp/oidc/client-metadata";
import type { RealmRuntime } from "@/idp/oidc/runtime";
import { findClientByClientId } from "@/idp/store/clients";
import { roleNamesOfUser } from "@/idp/store/roles";
import { findUser } from "@/idp/store/users";

async function bearerToken(req: IncomingMessage): Promise<string | null> {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }
  if (req.method === "POST" && (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return (await readForm(req)).get("access_token");
  }
  return null;
}

function unauthorized(res: ServerResponse, realm: string, description: string, headers: Record<string, string>): void {
  const challenge = `Bearer realm="${realm.replaceAll('"', "")}", error="invalid_token", error_description="${description}"`;
  sendJson(res, 401, { error: "invalid_token", error_description: description }, { ...headers, "www-authenticate": challenge });
}

/**
 * The userinfo endpoint. Access tokens are the realm's JWTs: verified against its keys and issuer,
 * then the user must still exist and be enabled, and the client that got the token must too.
 */
export async function handleUserinfo(db: Queryable, runtime: RealmRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  if (req.method === "OPTIONS") {
    sendEmpty(res, 204, {
      ...(origin ? { "access-control-allow-origin": origin, vary: "Origin" } : {}),
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": "Authorization, Content-Type",
      "access-control-max-age": "3600",
    });
    return;
  }
  if (req.method !== "GET" && req.method !== "POST") {
    sendJson(res, 405, { error: "invalid_request", error_description: "method not allowed" }, { allow: "GET, POST" });
    return;
  }
  const realm = runtime.realm.name;
  const token = await bearerToken(req);
  if (!token) return unauthorized(res, realm, "Missing access token", {});

  let payload;
  try {
    ({ payload } = await jwtVerify(token, runtime.keySet, { issuer: runtime.issuer, algorithms: ["RS256"], typ: "at+jwt" }));
  } catch {
    return unauthorized(res, realm, "Token verification failed", {});
  }
  const clientId = typeof payload.azp === "string" ? payload.azp : typeof payload.client_id === "string" ? payload.client_id : null;
  const client = clientId ? await findClientByClientId(db, realm, clientId) : null;
  const cors: Record<string, string> = {};
  if (origin && client && originAllowed(client.webOrigins, client.redirectUris, origin)) {
    Object.assign(cors, { "access-control-allow-origin": origin, vary: "Origin" });
  }
  if (!client?.enabled) return unauthorized(res, realm, "Client not found or disabled", cors);
  const user = payload.sub ? await findUser(db, realm, payload.sub) : null;
  if (!user?.enabled) return unauthorized(res, realm, "User not found or disabled", cors);

  const roles = await roleNamesOfUser(db, user.id);
  sendJson(res, 200, { sub: user.id, ...profileClaims(user), ...mapperClaims(client.protocolMappers, "userinfo", { user, roles }) }, cors);
}
