import { AppError } from "@/lib/errors/app-error";
import { requestActor, type AuditActor } from "@/lib/audit/actor";
import { sessionFromRequest } from "@/lib/auth/request-session";
import { SUPERADMIN_ROLE } from "@/lib/identity/roles";
import type { Principal } from "@/lib/permissions/permissions";
import { userAccount } from "@/lib/permissions/principal";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { permissionsOf } from "@/lib/api-keys/scopes";
import { platformScopesOf } from "@/lib/permissions/platform";
import { isCrossOriginWrite } from "@/lib/tenancy/same-origin";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** Who is calling the API, as permissions and the audit trail see them. */
export interface ApiCaller {
  principal: Principal;
  actor: AuditActor;
}

const unauthorized = (message: string) => new AppError("unauthorized", message);

const KEY_REFUSALS = {
  invalid: "The API key is not valid for this workspace.",
  expired: "The API key has expired.",
  revoked: "The API key has been revoked.",
} as const;

const actorOf = (request: Request, actor: string): AuditActor => requestActor(request.headers, actor);

function refuseCrossOrigin(request: Request): void {
  if (isCrossOriginWrite(request)) throw new AppError("forbidden", "Cross-origin requests cannot use the session; use an API key.");
}

/** A key of the host's tenant; on the console host, a platform key (the root tenant's keys). */
async function keyCaller(request: Request, host: ResolvedTenant, token: string): Promise<ApiCaller> {
  // The platform keys live in the root tenant's database, which the controller creates at first start.
  if (host.status !== "active") throw unauthorized("API keys are not accepted here until the console's tenant is provisioned.");
  const check = await authenticateApiKey(host, token);
  if (!check.ok) throw unauthorized(KEY_REFUSALS[check.reason]);
  const { id, prefix, scopes } = check.key;
  const principal: Principal =
    host.kind === "root" ? { kind: "platform", keyId: id, scopes: platformScopesOf(scopes) } : { kind: "apikey", keyId: id, scopes: permissionsOf(scopes) };
  return { principal, actor: actorOf(request, `${host.key}/apikey:${prefix}`) };
}

async function sessionCaller(request: Request, host: ResolvedTenant): Promise<ApiCaller> {
  const session = await sessionFromRequest(request, host);
  if (!session) throw unauthorized("Send an API key (Authorization: Bearer ghk_…) or sign in.");
  refuseCrossOrigin(request);
  const actor = actorOf(request, `${host.key}/${session.username}`);
  if (host.kind === "root") {
    if (!session.roles.includes(SUPERADMIN_ROLE)) throw new AppError("forbidden", "Only superadmins may use the console's API.");
    return { principal: { kind: "superadmin" }, actor };
  }
  const account = await userAccount(host, session.username, session.roles, session.subject);
  if (!account.enabled) throw unauthorized("Your account has been disabled.");
  return { principal: account.principal, actor };
}

/**
 * Authenticates a request against the tenant its Host resolved to: a Bearer API key of that
 * tenant, or else that tenant's session cookie. Credentials of another tenant do not verify here
 * (its keys are not in this database, its cookies do not decrypt with this tenant's key).
 */
export async function authenticateRequest(request: Request, host: ResolvedTenant): Promise<ApiCaller> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) return sessionCaller(request, host);
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw unauthorized("Send the API key as: Authorization: Bearer ghk_…");
  return keyCaller(request, host, match[1]);
}
