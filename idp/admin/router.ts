import type { IncomingMessage, ServerResponse } from "node:http";
import { requireAdmin } from "@/idp/admin/auth";
import { clientRoutes } from "@/idp/admin/clients";
import { eventRoutes } from "@/idp/admin/events";
import { AdminContext, type AdminDeps, type Route } from "@/idp/admin/context";
import { realmRoutes } from "@/idp/admin/realms";
import { roleRoutes } from "@/idp/admin/roles";
import { userRoutes } from "@/idp/admin/users";
import { HttpError, sendEmpty, sendJson } from "@/idp/http/respond";
import { matchPath } from "@/idp/http/paths";

const ROUTES: Route[] = [...realmRoutes, ...clientRoutes, ...roleRoutes, ...userRoutes, ...eventRoutes];

/** `/admin/realms/...`: the subset of Keycloak's admin REST API that keycloak-admin-client calls. */
export async function handleAdmin(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, segments: string[], query: URLSearchParams): Promise<void> {
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, segments);
    if (!params) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    await requireAdmin(deps.db, deps.runtimes, req);
    const reply = await route.handler(new AdminContext(deps, req, params, query));
    if (reply.location) {
      sendEmpty(res, reply.status, { location: `${deps.publicUrl}${reply.location}` });
    } else if (reply.json === undefined) {
      sendEmpty(res, reply.status);
    } else {
      sendJson(res, reply.status, reply.json);
    }
    return;
  }
  if (pathMatched) throw new HttpError(405, { error: "HTTP 405 Method Not Allowed" });
  throw new HttpError(404, { error: "Unable to find matching target resource method" });
}
