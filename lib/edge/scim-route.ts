import { env } from "@/lib/config/env";
import { requestActor, type AuditActor } from "@/lib/audit/actor";
import { assertAccess } from "@/lib/access/enforce";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { scimPermissionsOf } from "@/lib/api-keys/scopes";
import type { Principal } from "@/lib/permissions/permissions";
import { readJsonBody } from "@/lib/input/body";
import { refuseUnsafeText } from "@/lib/input/text";
import { hostTenant } from "@/lib/edge/host-tenant";
import type { PathParams, RouteHandler } from "@/lib/edge/route-handler";
import { pickHostHeader } from "@/lib/tenancy/host";
import { addressCheck, callerChecks, enforceLimits, RateLimitedError } from "@/lib/rate-limits/enforce";
import { withRateLimitHeaders } from "@/lib/edge/responses";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { ScimError, scimErrorResponse, scimUnauthorized } from "@/lib/scim/errors";
import { SCIM_MAX_BODY_BYTES } from "@/lib/scim/schemas";
import { edgeMade, type HttpMethod } from "@/lib/edge/edge-made";

export interface ScimRequestContext {
  request: Request;
  tenant: ResolvedTenant;
  /** The SCIM key as permissions see it: what the `scim` scope carries (and any other scope it holds). */
  principal: Principal;
  actor: AuditActor;
  params: PathParams;
  /** `https://<tenant host>/scim/v2`, for `meta.location`. */
  baseUrl: string;
  /** The JSON body (at most {@link SCIM_MAX_BODY_BYTES}). */
  body(): Promise<unknown>;
}

const KEY_REFUSALS = {
  invalid: "The bearer token is not a valid API key of this workspace.",
  expired: "The API key has expired.",
  revoked: "The API key has been revoked.",
} as const;

/**
 * Only a Bearer API key of the host's own tenant holding the `scim` scope may provision: no
 * session cookie, no key of another tenant (its keys are not in this tenant's database).
 */
async function scimCaller(request: Request, tenant: ResolvedTenant): Promise<{ principal: Principal; actor: AuditActor }> {
  if (tenant.kind === "root") throw new ScimError(404, undefined, "SCIM is served on a workspace's own host, not on the console.");
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!match?.[1]) throw scimUnauthorized("Send an API key with the scim scope: Authorization: Bearer ghk_…");
  const check = await authenticateApiKey(tenant, match[1]);
  if (!check.ok) throw scimUnauthorized(KEY_REFUSALS[check.reason]);
  if (!check.key.scopes.includes("scim")) throw scimUnauthorized("This API key does not have the scim scope.");
  await assertAccess(tenant, { kind: "apikey" });
  const principal: Principal = { kind: "apikey", keyId: check.key.id, scopes: scimPermissionsOf(check.key.scopes) };
  return { principal, actor: requestActor(request.headers, `${tenant.key}/apikey:${check.key.prefix}`) };
}

function baseUrlOf(request: Request): string {
  const protocol = new URL(env().GATEHOUSE_BASE_URL).protocol;
  const host = pickHostHeader(request.headers, env().GATEHOUSE_TRUST_FORWARDED_HOST) ?? new URL(request.url).host;
  return `${protocol}//${host}/scim/v2`;
}

/**
 * A SCIM endpoint serving `method`: resolves the host's tenant, authenticates the `scim` key, runs the handler, and
 * answers every refusal in SCIM's error format (RFC 7644 §3.12).
 */
export function scimRoute(method: HttpMethod, handle: (context: ScimRequestContext) => Promise<Response>): RouteHandler {
  return edgeMade<RouteHandler>(async (request, context) => {
    try {
      await enforceLimits(addressCheck(requestActor(request.headers, "-").ip), { actor: requestActor(request.headers, "anonymous") });
      const tenant = await hostTenant(request);
      const { principal, actor } = await scimCaller(request, tenant);
      const limits = await enforceLimits(await callerChecks(tenant, actor.actor), { tenant, actor });
      const params = await context.params;
      refuseUnsafeText(params, "_path");
      refuseUnsafeText(Object.fromEntries(new URL(request.url).searchParams), "_query");
      return withRateLimitHeaders(
        await handle({ request, tenant, principal, actor, params, baseUrl: baseUrlOf(request), body: () => readJsonBody(request, SCIM_MAX_BODY_BYTES) }),
        limits,
      );
    } catch (error) {
      return scimErrorResponse(error, error instanceof RateLimitedError ? error.headers : {});
    }
  }, method);
}
