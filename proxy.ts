import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { pickHostHeader } from "@/lib/tenancy/host";
import { resolveHost } from "@/lib/tenancy/resolve";
import { routeFor } from "@/lib/tenancy/routing";
import { withTenantHeaders } from "@/lib/tenancy/headers";
import { accessDenial } from "@/lib/access/enforce";
import { contentSecurityPolicy, scriptNonce } from "@/lib/server/security-headers";
import { entryRefusal } from "@/lib/api/entry";

/**
 * Host → tenant routing. Rewrites each request into the route tree of its host kind:
 * console.<base> → /console/*, a tenant's host → /workspace/*, anything else → the
 * "unknown workspace" page, a workspace the access rules refuse (lifecycle, billing, payment,
 * verification; lib/access) → its status page, and passes the resolved tenant on in request headers (after
 * dropping any a client sent). This is a routing aid only: pages, actions and route handlers
 * resolve the host again themselves and refuse a request whose headers disagree. On /api/v1 and
 * /scim/v2 it answers what no route can take in the API's JSON error shape (lib/api/entry.ts): a
 * method Next does not route, a path that does not decode, a host that is no workspace.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const host = pickHostHeader(request.headers, env().GATEHOUSE_TRUST_FORWARDED_HOST);
  const resolution = await resolveHost(host);
  const refusal = entryRefusal(request.method, request.nextUrl.pathname, resolution.found);
  if (refusal) return refusal;
  const tenant = resolution.found ? resolution.tenant : null;
  const denied = tenant ? (await accessDenial(tenant, { kind: "anyone" })) !== null : false;
  const url = request.nextUrl.clone();
  url.pathname = routeFor(resolution, request.nextUrl.pathname, denied);
  const path = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  const headers = withTenantHeaders(request.headers, tenant, { host, path });
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const policy = contentSecurityPolicy(scriptNonce(), process.env.NODE_ENV === "development");
  headers.set("content-security-policy", policy);
  const response = NextResponse.rewrite(url, { request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|healthz$|readyz$).*)"],
};
