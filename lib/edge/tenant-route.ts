import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { can, type Permission, type Principal, type Scope } from "@/lib/permissions/permissions";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { authenticateRequest } from "@/lib/edge/caller";
import { withRateLimitHeaders } from "@/lib/edge/responses";
import { requestActor } from "@/lib/audit/actor";
import { addressCheck, callerChecks, enforceLimits } from "@/lib/rate-limits/enforce";
import { targetTenant } from "@/lib/permissions/target";
import { assertAccess, userRequester } from "@/lib/access/enforce";
import type { Requester } from "@/lib/access/decide";
import { hostTenant } from "@/lib/edge/host-tenant";
import { restHandler, type PathParams, type RouteHandler } from "@/lib/edge/route-handler";
import { parseInputs, type Inputs, type ParsedInputs, type Schema } from "@/lib/edge/route-inputs";
import { declareRoute, type OperationDoc } from "@/lib/edge/declared-routes";
import { requiredCheck, type TenantPermission } from "@/lib/edge/tenant-permission";

export interface TenantRouteContext<Q extends Schema, B extends Schema> extends ParsedInputs<Q, B> {
  request: Request;
  /** The tenant the route acts on (checked against the host and the credentials). */
  tenant: ResolvedTenant;
  principal: Principal;
  actor: AuditActor;
  params: PathParams;
  /** Refuses with `forbidden` unless the caller holds `permission` (within `scope`). */
  authorize(permission: Permission, scope?: Scope): void;
}

export interface TenantRouteSpec<Q extends Schema, B extends Schema> extends Inputs<Q, B>, OperationDoc {
  permission: TenantPermission;
  handle(context: TenantRouteContext<Q, B>): Promise<Response>;
}

/** Who the access rules see: a workspace's user or key, or the platform acting from the console. */
function requesterOf(host: ResolvedTenant, principal: Principal): Requester {
  if (host.kind === "root") return { kind: "platform" };
  return principal.kind === "user" ? userRequester(principal.username) : { kind: "apikey" };
}

/**
 * A per-tenant route (`/api/v1/tenants/{key}/…`): authenticates on the host's tenant (API key or
 * session), checks `{key}` against it (or, on the console, a superadmin's choice of tenant),
 * checks the permission, validates query and body, then runs the handler.
 */
export function tenantRoute<Q extends Schema = undefined, B extends Schema = undefined>(spec: TenantRouteSpec<Q, B>): RouteHandler {
  const handler = restHandler(async (request, params) => {
    await enforceLimits(addressCheck(requestActor(request.headers, "-").ip), { actor: requestActor(request.headers, "anonymous") });
    const host = await hostTenant(request);
    const { principal, actor } = await authenticateRequest(request, host);
    const tenant = await targetTenant(host, principal, params.key ?? "");
    const limits = await enforceLimits(await callerChecks(tenant, actor.actor), { tenant, actor });
    await assertAccess(tenant, requesterOf(host, principal));
    const authorize = (permission: Permission, scope?: Scope) => {
      if (!can(principal, permission, scope)) throw new AppError("forbidden", `This needs the permission ${permission}.`);
    };
    const check = requiredCheck(spec.permission, params);
    if (check) authorize(check.permission, check.scope);
    const inputs = await parseInputs(request, spec);
    return withRateLimitHeaders(await spec.handle({ request, tenant, principal, actor, params, authorize, ...inputs }), limits);
  });
  return declareRoute(handler, { ...spec, access: { kind: "tenant", permission: spec.permission } });
}
