import { AppError } from "@/lib/errors/app-error";
import type { RouteHandler } from "@/lib/edge/route-handler";
import type { ApiKind } from "@/lib/tenancy/api-paths";
import { declaredMethod, edgeMade } from "@/lib/edge/edge-made";
import { apiRefusal, ROUTE_METHODS, type RouteMethod } from "@/lib/api/entry";

// The method table of every route file under /api/v1 and /scim/v2. Next answers a method a route
// file does not export with an empty 405 and a path no route matches with its HTML 404 page; so
// each route file exports all seven methods it routes, through these, and a catch-all route under
// each API answers every unmatched path.

type Served = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", RouteHandler>>;
export type RouteMethods = Record<RouteMethod, RouteHandler>;

const refusals = new WeakSet<RouteHandler>();

function refusing(handler: RouteHandler): RouteHandler {
  refusals.add(handler);
  return edgeMade(handler);
}

/** Whether a route module's export only refuses (405, or 404 where no route is): not an operation it serves. */
export function isRefusal(handler: unknown): boolean {
  return typeof handler === "function" && refusals.has(handler as RouteHandler);
}

/** The methods `operations` declare (each made by an edge wrapper: tenantRoute, platformRoute, scimRoute, publicRoute). */
function servedMethods(operations: readonly RouteHandler[]): Served {
  const served: Served = {};
  for (const operation of operations) {
    const method = declaredMethod(operation)?.toUpperCase() as keyof Served | undefined;
    if (!method) throw new Error("routeMethods takes operations declared by an edge wrapper, which say their method.");
    if (served[method]) throw new Error(`Two operations of one path declare ${method}.`);
    served[method] = operation;
  }
  return served;
}

/**
 * A route's handlers for every method: the operations it serves (each by the method it declares),
 * HEAD as its GET, OPTIONS (204 with `Allow`), and for any other method 405 `method_not_allowed`
 * with `Allow`, in the API's error shape:
 * `export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", listUsersRoute, createUserRoute);`
 */
export function routeMethods(kind: ApiKind, ...operations: RouteHandler[]): RouteMethods {
  const served = servedMethods(operations);
  const allowed = ROUTE_METHODS.filter((m) => m === "OPTIONS" || (m === "HEAD" ? served.GET : served[m]));
  const allow = [...allowed].sort().join(", ");
  const notAllowed = refusing(async (request) =>
    apiRefusal(kind, new AppError("method_not_allowed", `${request.method} is not allowed on this path. Allowed: ${allow}.`), { headers: { allow } }),
  );
  const options: RouteHandler = edgeMade(async () => new Response(null, { status: 204, headers: { allow } }));
  return {
    GET: served.GET ?? notAllowed,
    HEAD: served.GET ?? notAllowed,
    OPTIONS: options,
    POST: served.POST ?? notAllowed,
    PUT: served.PUT ?? notAllowed,
    PATCH: served.PATCH ?? notAllowed,
    DELETE: served.DELETE ?? notAllowed,
  };
}

/** Every method of a path no route serves (the catch-all route of an API): 404 `not_found` in the API's error shape. */
export function noRoute(kind: ApiKind, message: string): RouteMethods {
  const handler = refusing(async () => apiRefusal(kind, new AppError("not_found", message)));
  return Object.fromEntries(ROUTE_METHODS.map((method) => [method, handler])) as RouteMethods;
}
