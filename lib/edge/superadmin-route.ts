import type { Caller } from "@/lib/auth/session-caller";
import { authorizeSuperadmin } from "@/lib/edge/session-guards";
import { edgeMade } from "@/lib/edge/edge-made";
import { restHandler, type PathParams, type RouteHandler } from "@/lib/edge/route-handler";

/**
 * A console route for a signed-in superadmin's own pages, outside the API (no API keys): the
 * tenant page's provisioning poll. Refusals are the API's `{ code, message }`.
 */
export function superadminRoute(handle: (context: { request: Request; params: PathParams; caller: Caller }) => Promise<Response>): RouteHandler {
  return edgeMade(restHandler(async (request, params) => handle({ request, params, caller: await authorizeSuperadmin() })));
}
