import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import type { AuditActor } from "@/lib/audit/actor";
import { can, type Permission, type Principal, type Scope } from "@/lib/permissions/permissions";
import { headerAgrees } from "@/lib/tenancy/headers";
import { resolveRequest } from "@/lib/tenancy/resolve";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { readJsonBody } from "@/lib/api/body";
import { refuseUnsafeText } from "@/lib/input/text";
import { authenticateRequest } from "@/lib/api/caller";
import { apiErrorResponse, withRateLimitHeaders } from "@/lib/api/responses";
import { requestActor } from "@/lib/audit/actor";
import { addressCheck, callerChecks, enforceLimits } from "@/lib/rate-limits/enforce";
import { targetTenant } from "@/lib/tenancy/target";
import { assertAccess, userRequester } from "@/lib/access/enforce";
import type { Requester } from "@/lib/access/decide";
import { canOnPlatform, type PlatformScope } from "@/lib/permissions/platform";

/** Path parameters as Next passes them to a route handler. */
export type PathParams = Readonly<Record<string, string | undefined>>;
export interface RouteContext {
  params: Promise<PathParams>;
}
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

interface Inputs<Q extends Schema, B extends Schema> {
  /** Query parameters, validated (a bad page size or cursor is `validation_failed`). */
  query?: Q;
  /** JSON body, at most 64 KiB, validated. */
  body?: B;
}

interface ParsedInputs<Q extends Schema, B extends Schema> {
  query: Parsed<Q>;
  body: Parsed<B>;
}

export interface PermissionCheck {
  permission: Permission;
  scope?: Scope;
}

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

export interface TenantRouteSpec<Q extends Schema, B extends Schema> extends Inputs<Q, B> {
  /**
   * Checked before the body is read; a function gets the path parameters (for an OU-scoped
   * permission). `"checked-by-handler"`: the handler calls `authorize` itself before changing
   * anything, when what it needs depends on the body.
   */
  permission: Permission | ((params: PathParams) => PermissionCheck) | "checked-by-handler";
  handle(context: TenantRouteContext<Q, B>): Promise<Response>;
}

export interface PlatformRouteContext<Q extends Schema, B extends Schema> extends ParsedInputs<Q, B> {
  request: Request;
  actor: AuditActor;
  params: PathParams;
  /** Refuses with `forbidden` unless the caller also holds `scope` (when the body asks for more). */
  authorize(scope: PlatformScope): void;
}

export interface PlatformRouteSpec<Q extends Schema, B extends Schema> extends Inputs<Q, B> {
  /** What a platform key needs for this route (superadmin sessions hold every scope). */
  scope: PlatformScope;
  handle(context: PlatformRouteContext<Q, B>): Promise<Response>;
}

/** The tenant of the request's own Host header (never a header a client or the proxy set). */
export async function hostTenant(request: Request): Promise<ResolvedTenant> {
  const resolution = await resolveRequest(request.headers);
  const tenant = resolution.found ? resolution.tenant : null;
  if (!tenant || !headerAgrees(request.headers, tenant)) throw new AppError("not_found", "Unknown workspace.");
  // Refused before any credential is looked at, unless the break-glass admin might be let in.
  await assertAccess(tenant, { kind: "anyone" });
  return tenant;
}

/** Who the standing rules see: a workspace's user or key, or the platform acting from the console. */
function requesterOf(host: ResolvedTenant, principal: Principal): Requester {
  if (host.kind === "root") return { kind: "platform" };
  return principal.kind === "user" ? userRequester(principal.username) : { kind: "apikey" };
}

async function parseInputs<Q extends Schema, B extends Schema>(request: Request, spec: Inputs<Q, B>): Promise<ParsedInputs<Q, B>> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  refuseUnsafeText(params, "_query");
  const query = spec.query ? parseOrThrow(spec.query, params) : undefined;
  const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(request)) : undefined;
  // Each is parsed exactly when its schema is given, which is what Parsed<> says.
  return { query: query as Parsed<Q>, body: body as Parsed<B> };
}

/** Runs a route and answers every AppError as JSON `{ code, message, fields? }`. Path parameters are text like any input. */
function handler(run: (request: Request, params: PathParams) => Promise<Response>): RouteHandler {
  return async (request, context) => {
    try {
      const params = await context.params;
      refuseUnsafeText(params, "_path");
      return await run(request, params);
    } catch (error) {
      return apiErrorResponse(error);
    }
  };
}

/**
 * A per-tenant route (`/api/v1/tenants/{key}/…`): authenticates on the host's tenant (API key or
 * session), checks `{key}` against it (or, on the console, a superadmin's choice of tenant),
 * checks the permission, validates query and body, then runs the handler.
 */
export function tenantRoute<Q extends Schema = undefined, B extends Schema = undefined>(spec: TenantRouteSpec<Q, B>): RouteHandler {
  return handler(async (request, params) => {
    await enforceLimits(addressCheck(requestActor(request.headers, "-").ip), { actor: requestActor(request.headers, "anonymous") });
    const host = await hostTenant(request);
    const { principal, actor } = await authenticateRequest(request, host);
    const tenant = await targetTenant(host, principal, params.key ?? "");
    const limits = await enforceLimits(await callerChecks(tenant, actor.actor), { tenant, actor });
    await assertAccess(tenant, requesterOf(host, principal));
    const authorize = (permission: Permission, scope?: Scope) => {
      if (!can(principal, permission, scope)) throw new AppError("forbidden", `This needs the permission ${permission}.`);
    };
    if (spec.permission !== "checked-by-handler") {
      const check = typeof spec.permission === "function" ? spec.permission(params) : { permission: spec.permission };
      authorize(check.permission, check.scope);
    }
    const inputs = await parseInputs(request, spec);
    return withRateLimitHeaders(await spec.handle({ request, tenant, principal, actor, params, authorize, ...inputs }), limits);
  });
}

/**
 * A platform route (customers, tenants, standing): the console host only, for a superadmin session
 * or a platform API key holding the route's scope.
 */
export function platformRoute<Q extends Schema = undefined, B extends Schema = undefined>(spec: PlatformRouteSpec<Q, B>): RouteHandler {
  return handler(async (request, params) => {
    await enforceLimits(addressCheck(requestActor(request.headers, "-").ip), { actor: requestActor(request.headers, "anonymous") });
    const host = await hostTenant(request);
    if (host.kind !== "root") throw new AppError("not_found", "The platform API is served on the console host only.");
    const { principal, actor } = await authenticateRequest(request, host);
    const limits = await enforceLimits(await callerChecks(host, actor.actor), { tenant: host, actor });
    const authorize = (scope: PlatformScope) => {
      if (!canOnPlatform(principal, scope)) {
        throw new AppError("forbidden", principal.kind === "platform" ? `This API key lacks the scope ${scope}.` : "Only superadmins and platform API keys may use the platform API.");
      }
    };
    authorize(spec.scope);
    const inputs = await parseInputs(request, spec);
    return withRateLimitHeaders(await spec.handle({ request, actor, params, authorize, ...inputs }), limits);
  });
}
