import { resolveRequest } from "@/lib/tenancy/resolve";
import { isCrossOriginWrite } from "@/lib/tenancy/same-origin";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { edgeMade } from "@/lib/edge/edge-made";

interface HostRouteSpec<R extends Request, C> {
  /** Which tenants it serves: any the Host resolves to, or only the console and active workspaces. */
  serves: "any" | "console-or-active";
  /** Refuse a request from another site's page (403 `forbidden` with this message). */
  sameOrigin?: string;
  handle(request: R, tenant: ResolvedTenant, context: C): Promise<Response>;
}

const refusal = (code: string, message: string, status: number) => Response.json({ code, message }, { status });

/**
 * A route of the host's own tenant outside the API (next-auth's endpoints, sign-out): resolves the
 * Host to its tenant, answering 404 `{ code, message }` for an unknown workspace, and hands it on.
 */
export function hostRoute<R extends Request, C>(spec: HostRouteSpec<R, C>): (request: R, context: C) => Promise<Response> {
  return edgeMade(async (request: R, context: C) => {
    const resolution = await resolveRequest(request.headers);
    const served = resolution.found && (spec.serves === "any" || resolution.tenant.kind === "root" || resolution.tenant.status === "active");
    if (!served) return refusal("not_found", "Unknown workspace", 404);
    if (spec.sameOrigin && isCrossOriginWrite(request)) return refusal("forbidden", spec.sameOrigin, 403);
    return spec.handle(request, resolution.tenant, context);
  });
}
