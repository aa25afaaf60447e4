import { NextResponse, type NextRequest } from "next/server";
import { resolveRequest } from "@/lib/tenancy/resolve";
import { routeFor } from "@/lib/tenancy/routing";

/**
 * Host → tenant routing. Rewrites each request into the route tree of its host kind:
 * console.<base> → /console/*, a tenant's host → /workspace/*, anything else → the
 * "unknown workspace" page. This is a routing aid only: pages, actions and route handlers
 * resolve the host again themselves and never trust what the proxy or the client says.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const resolution = await resolveRequest(request.headers);
  const url = request.nextUrl.clone();
  url.pathname = routeFor(resolution, request.nextUrl.pathname);
  return NextResponse.rewrite(url);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|healthz$).*)"],
};
