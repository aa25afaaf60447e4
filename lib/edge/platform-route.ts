import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { requestActor } from "@/lib/audit/actor";
import { authenticateRequest } from "@/lib/edge/caller";
import { withRateLimitHeaders } from "@/lib/edge/responses";
import { addressCheck, callerChecks, enforceLimits } from "@/lib/rate-limits/enforce";
import { canOnPlatform, type PlatformScope } from "@/lib/permissions/platform";
import { hostTenant } from "@/lib/edge/host-tenant";
import { restHandler, type PathParams, type RouteHandler } from "@/lib/edge/route-handler";
import { parseInputs, type Inputs, type ParsedInputs, type Schema } from "@/lib/edge/route-inputs";
import { declareRoute, type OperationDoc, type RouteVariant } from "@/lib/edge/declared-routes";

export interface PlatformRouteContext<Q extends Schema, B extends Schema> extends ParsedInputs<Q, B> {
  request: Request;
  actor: AuditActor;
  params: PathParams;
  /** Refuses with `forbidden` unless the caller also holds `scope` (when the body asks for more). */
  authorize(scope: PlatformScope): void;
}

interface PlatformRouteRules<Q extends Schema, B extends Schema> extends Inputs<Q, B> {
  /** What a platform key needs for this route (superadmin sessions hold every scope). */
  scope: PlatformScope;
  handle(context: PlatformRouteContext<Q, B>): Promise<Response>;
}

/** Its own entry in the document, or the console's variant of a workspace route (documented there). */
export type PlatformRouteSpec<Q extends Schema, B extends Schema> = PlatformRouteRules<Q, B> & (OperationDoc | RouteVariant);

/**
 * A platform route (customers, tenants, standing): the console host only, for a superadmin session
 * or a platform API key holding the route's scope.
 */
export function platformRoute<Q extends Schema = undefined, B extends Schema = undefined>(spec: PlatformRouteSpec<Q, B>): RouteHandler {
  const handler = restHandler(async (request, params) => {
    await enforceLimits(addressCheck(requestActor(request.headers, "-").ip), { actor: requestActor(request.headers, "anonymous") });
    const host = await hostTenant(request);
    if (host.kind !== "root") throw new AppError("not_found", "The platform API is served on the console host only.");
    const { principal, actor } = await authenticateRequest(request, host);
    const limits = await enforceLimits(await callerChecks(host, actor.actor), { tenant: host, actor });
    const authorize = (scope: PlatformScope) => {
      if (!canOnPlatform(principal, scope)) {
        throw new AppError(
          "forbidden",
          principal.kind === "platform" ? `This API key lacks the scope ${scope}.` : "Only superadmins and platform API keys may use the platform API.",
        );
      }
    };
    authorize(spec.scope);
    const inputs = await parseInputs(request, spec);
    return withRateLimitHeaders(await spec.handle({ request, actor, params, authorize, ...inputs }), limits);
  });
  if ("variantOf" in spec) return declareRoute(handler, { method: spec.method, path: spec.path, variantOf: spec.variantOf });
  return declareRoute(handler, { ...spec, access: { kind: "platform", scope: spec.scope } });
}
