import { NextResponse, type NextRequest } from "next/server";
import { resolveRequest } from "@/lib/tenancy/resolve";
import { routeFor } from "@/lib/tenancy/routing";
import { withTenantHeaders } from "@/lib/tenancy/headers";

/**
 * Host → tenant routing. Rewrites each request into the route tree of its host kind:
 * console.<base> → /console/*, a tenant's host → /workspace/*, anything else → the
 * "unknown workspace" page, and passes the resolved tenant on in request headers (after
 * dropping any a client sent). This is a routing aid only: pages, actions and route handlers
 * resolve the host again themselves and refuse a request whose headers disagree.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const resolution = await resolveRequest(request.headers);
  const url = request.nextUrl.clone();
  url.pathname = routeFor(resolution, request.nextUrl.pathname);
  const headers = withTenantHeaders(request.headers, resolution.found ? resolution.tenant : null);
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|healthz$).*)"],
};

