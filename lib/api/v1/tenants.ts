import { AppError } from "@/lib/errors/app-error";
import { getTenant, listTenants, tenantListSpec } from "@/lib/tenants/queries";
import { inDefaultOrder } from "@/lib/pagination/page";
import { changeTenantLifecycle } from "@/lib/tenants/lifecycle";
import { tenantQuotaReport } from "@/lib/quotas/report";
import { setQuotaOverrides } from "@/lib/quotas/limits";
import { platformRoute } from "@/lib/edge/platform-route";
import { respond } from "@/lib/edge/responses";
import { refusals, returns } from "@/lib/api/operation-responses";
import { platformPathParams } from "@/lib/api/schemas/path-params";
import { tenantNamed } from "@/lib/permissions/target";
import { pageQuery } from "@/lib/api/schemas/queries";
import {
  lifecycleChangeSchema,
  quotaOverridesSchema,
  tenantPageSchema,
  tenantQuotasSchema,
  tenantRateLimitsSchema,
  tenantRateOverridesSchema,
  tenantSchema,
} from "@/lib/api/schemas/tenants";
import { setTenantRateOverrides, tenantRateLimitReport } from "@/lib/rate-limits/overrides";

export const listTenantsRoute = platformRoute({
  method: "get",
  path: "/api/v1/tenants",
  operationId: "listTenants",
  tag: "Tenants",
  summary: "List tenants",
  description: "Newest first, with each provisioning step's state; `q` matches a key prefix or the display name.",
  responses: returns("A page of tenants.", tenantPageSchema),
  scope: "tenant:read",
  query: pageQuery,
  handle: async ({ query }) => respond(tenantPageSchema, await listTenants(inDefaultOrder(query, tenantListSpec))),
});

async function tenantRecord(id: string) {
  const tenant = await getTenant(id);
  if (!tenant) throw new AppError("not_found", "Tenant not found.");
  return tenant;
}

export const getTenantRoute = platformRoute({
  method: "get",
  path: "/api/v1/tenants/{key}",
  operationId: "getTenant",
  tag: "Tenants",
  summary: "Get a tenant",
  pathParams: platformPathParams.tenant,
  responses: returns("The tenant, its domains and provisioning steps.", tenantSchema),
  scope: "tenant:read",
  handle: async ({ params }) => respond(tenantSchema, await tenantRecord((await tenantNamed(params.key ?? "")).id)),
});

/** POST /tenants/{key}/lifecycle: suspend, resume, archive, delete or restore, with a reason. */
export const changeLifecycleRoute = platformRoute({
  method: "post",
  path: "/api/v1/tenants/{key}/lifecycle",
  operationId: "changeTenantLifecycle",
  tag: "Tenants",
  summary: "Suspend, resume, archive, delete or restore a tenant",
  description:
    "`suspend` (active → suspended), `resume` (suspended → active), `archive` (suspended → archived), `delete` (suspended or archived → deleted: the realm is disabled at once, the database and realm are purged after the retention period), `restore` (archived → active; deleted → the status it was deleted from, until the purge starts). Any other transition, and any change to the root or cloud tenant, is a conflict. The reason is recorded in the audit trail.",
  pathParams: platformPathParams.tenant,
  responses: { ...returns("The tenant after the change.", tenantSchema), ...refusals(409) },
  scope: "tenant:write",
  body: lifecycleChangeSchema,
  handle: async ({ params, body, actor }) => {
    const { id } = await tenantNamed(params.key ?? "");
    await changeTenantLifecycle(id, body, actor);
    return respond(tenantSchema, await tenantRecord(id));
  },
});

export const getQuotasRoute = platformRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/quotas",
  operationId: "getTenantQuotas",
  tag: "Tenants",
  summary: "A tenant's quotas and usage",
  pathParams: platformPathParams.tenant,
  responses: returns("Limits in force, overrides and usage.", tenantQuotasSchema),
  scope: "tenant:read",
  handle: async ({ params }) => respond(tenantQuotasSchema, await tenantQuotaReport(await tenantNamed(params.key ?? ""))),
});

export const setQuotasRoute = platformRoute({
  method: "put",
  path: "/api/v1/tenants/{key}/quotas",
  operationId: "setTenantQuotas",
  tag: "Tenants",
  summary: "Set a tenant's quota overrides",
  description:
    "Every resource: a whole number, or null for the platform default. A quota below current usage removes nothing; creations are refused (`quota_exceeded`) until usage drops.",
  pathParams: platformPathParams.tenant,
  responses: returns("Limits in force, overrides and usage.", tenantQuotasSchema),
  scope: "tenant:write",
  body: quotaOverridesSchema,
  handle: async ({ params, body, actor }) => {
    const tenant = await tenantNamed(params.key ?? "");
    await setQuotaOverrides(tenant.id, body, actor);
    return respond(tenantQuotasSchema, await tenantQuotaReport(tenant));
  },
});

export const getRateLimitsRoute = platformRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/rate-limits",
  operationId: "getTenantRateLimits",
  tag: "Tenants",
  summary: "A tenant's REST and SCIM rate limits",
  pathParams: platformPathParams.tenant,
  responses: returns("Limits in force and the tenant's overrides.", tenantRateLimitsSchema),
  scope: "tenant:read",
  handle: async ({ params }) => respond(tenantRateLimitsSchema, await tenantRateLimitReport((await tenantNamed(params.key ?? "")).id)),
});

export const setRateLimitsRoute = platformRoute({
  method: "put",
  path: "/api/v1/tenants/{key}/rate-limits",
  operationId: "setTenantRateLimits",
  tag: "Tenants",
  summary: "Set a tenant's rate limits",
  description:
    "Requests a minute for the whole tenant and for each of its API keys or users: a whole number (0: no limit), or null for the platform's limit. In force within 30 seconds in every app process.",
  pathParams: platformPathParams.tenant,
  responses: returns("Limits in force and the tenant's overrides.", tenantRateLimitsSchema),
  scope: "tenant:write",
  body: tenantRateOverridesSchema,
  handle: async ({ params, body, actor }) => {
    const { id } = await tenantNamed(params.key ?? "");
    await setTenantRateOverrides(id, body, actor);
    return respond(tenantRateLimitsSchema, await tenantRateLimitReport(id));
  },
});
