import { AppError } from "@/lib/errors/app-error";
import { getTenant, listTenants } from "@/lib/tenants/queries";
import { platformRoute } from "@/lib/api/route";
import { respond } from "@/lib/api/responses";
import { tenantNamed } from "@/lib/api/tenant-target";
import { pageQuery } from "@/lib/api/schemas/queries";
import { tenantPageSchema, tenantSchema } from "@/lib/api/schemas/tenants";

export const listTenantsRoute = platformRoute({
  scope: "tenant:read",
  query: pageQuery,
  handle: async ({ query }) => respond(tenantPageSchema, await listTenants(query)),
});

export const getTenantRoute = platformRoute({
  scope: "tenant:read",
  handle: async ({ params }) => {
    const tenant = await getTenant((await tenantNamed(params.key ?? "")).id);
    if (!tenant) throw new AppError("not_found", "Tenant not found.");
    return respond(tenantSchema, tenant);
  },
});
