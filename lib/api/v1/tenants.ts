import { AppError } from "@/lib/errors/app-error";
import { getTenant, listTenants } from "@/lib/tenants/queries";
import { changeTenantLifecycle } from "@/lib/tenants/lifecycle";
import { tenantQuotaReport } from "@/lib/quotas/report";
import { setQuotaOverrides } from "@/lib/quotas/limits";
import { platformRoute } from "@/lib/api/route";
import { respond } from "@/lib/api/responses";
import { tenantNamed } from "@/lib/permissions/target";
import { pageQuery } from "@/lib/api/schemas/queries";
import { lifecycleChangeSchema, quotaOverridesSchema, tenantPageSchema, tenantQuotasSchema, tenantRateLimitsSchema, tenantRateOverridesSchema, tenantSchema } from "@/lib/api/schemas/tenants";
import { setTenantRateOverrides, tenantRateLimitReport } from "@/lib/rate-limits/overrides";

export const listTenantsRoute = platformRoute({
  scope: "tenant:read",
  query: pageQuery,
  handle: async ({ query }) => respond(tenantPageSchema, await listTenants(query)),
});

async function tenantRecord(id: string) {
  const tenant = await getTenant(id);
  if (!tenant) throw new AppError("not_found", "Tenant not found.");
  return tenant;
}

export const getTenantRoute = platformRoute({
  scope: "tenant:read",
  handle: async ({ params }) => respond(tenantSchema, await tenantRecord((await tenantNamed(params.key ?? "")).id)),
});

/** POST /tenants/{key}/lifecycle: suspend, resume, archive, delete or restore, with a reason. */
export const changeLifecycleRoute = platformRoute({
  scope: "tenant:write",
  body: lifecycleChangeSchema,
  handle: async ({ params, body, actor }) => {
    const { id } = await tenantNamed(params.key ?? "");
    await changeTenantLifecycle(id, body, actor);
    return respond(tenantSchema, await tenantRecord(id));
  },
});

export const getQuotasRoute = platformRoute({
  scope: "tenant:read",
  handle: async ({ params }) => respond(tenantQuotasSchema, await tenantQuotaReport(await tenantNamed(params.key ?? ""))),
});

export const setQuotasRoute = platformRoute({
  scope: "tenant:write",
  body: quotaOverridesSchema,
  handle: async ({ params, body, actor }) => {
    const tenant = await tenantNamed(params.key ?? "");
    await setQuotaOverrides(tenant.id, body, actor);
    return respond(tenantQuotasSchema, await tenantQuotaReport(tenant));
  },
});

export const getRateLimitsRoute = platformRoute({
  scope: "tenant:read",
  handle: async ({ params }) => respond(tenantRateLimitsSchema, await tenantRateLimitReport((await tenantNamed(params.key ?? "")).id)),
});

export const setRateLimitsRoute = platformRoute({
  scope: "tenant:write",
  body: tenantRateOverridesSchema,
  handle: async ({ params, body, actor }) => {
    const { id } = await tenantNamed(params.key ?? "");
    await setTenantRateOverrides(id, body, actor);
    return respond(tenantRateLimitsSchema, await tenantRateLimitReport(id));
  },
});
