import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { sessionSecret } from "@/lib/secrets/tenant-secrets";
import { realmDiscovery } from "@/lib/identity/discovery";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { requestActor } from "@/lib/audit/actor";
import { recordSessionEvent } from "@/lib/audit/session-events";
import { endAppSession } from "@/lib/sessions/service";
import { env } from "@/lib/config/env";
import { realmFrontendUrl } from "@/lib/domains/frontend-url";
import { tenantUrl } from "@/lib/tenancy/urls";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token", "next-auth.csrf-token", "__Host-next-auth.csrf-token"];

/**
 * Signs out of the app and of the identity server: ends the app session on the server (a copy of
 * the cookie stops working too), clears this host's session cookies and sends the browser to the
 * realm's end-session endpoint, which ends the identity session and returns here. The edge's
 * logoutRoute resolves the tenant and refuses another site's form.
 */
export async function signOut(request: NextRequest, tenant: ResolvedTenant): Promise<Response> {
  const token = await getToken({ req: request, secret: sessionSecret(tenant.id) });
  if (token?.username) {
    if (token.sid) await endAppSession(tenant, token.sid, "signed_out", token.username);
    await recordSessionEvent(tenant, requestActor(request.headers, `${tenant.key}/${token.username}`), token.username, "session.ended");
  }
  const origin = `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("x-forwarded-host") ?? request.headers.get("host")}`;
  const location = await endSessionUrl(tenant.key, `${origin}/`, token?.idToken as string | undefined, customDomainFrontend(tenant, new URL(origin).hostname));
  const response = new Response(null, { status: 303, headers: { location } });
  for (const name of SESSION_COOKIES) {
    const secure = name.startsWith("__") ? "; Secure" : "";
    response.headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`);
  }
  return response;
}

/**
 * The realm's end-session endpoint from its discovery (on a custom domain Keycloak moves it there).
 * Should the identity server not answer, the app's session still ends: the browser goes home.
 */
async function endSessionUrl(realm: string, home: string, idToken: string | undefined, frontendUrl: string | null): Promise<string> {
  let endpoint: string | undefined;
  try {
    endpoint = frontendUrl ? `${frontendUrl}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/logout` : (await realmDiscovery(realm)).end_session_endpoint;
  } catch (error) {
    logger().warn({ tenant: realm, err: error }, "end-session endpoint unknown: signed out of the app only");
  }
  if (!endpoint) return home;
  const logout = new URL(endpoint);
  logout.searchParams.set("post_logout_redirect_uri", home);
  logout.searchParams.set("client_id", "gatehouse");
  if (idToken) logout.searchParams.set("id_token_hint", idToken);
  return logout.toString();
}

/**
 * Signed out on one of the tenant's custom domains: the realm session to end is the one at that
 * domain's identity URL (the realm's frontendUrl for it), whatever discovery answered before the
 * domain was verified. Null on the tenant's own host, or without a public URL template.
 */
function customDomainFrontend(tenant: ResolvedTenant, hostname: string): string | null {
  if (hostname === new URL(tenantUrl(tenant)).hostname) return null;
  return realmFrontendUrl(hostname, env().GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE) ?? null;
}
