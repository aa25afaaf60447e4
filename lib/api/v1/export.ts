import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { tenantRoute } from "@/lib/edge/tenant-route";
import { platformRoute } from "@/lib/edge/platform-route";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
import { tenantNamed } from "@/lib/permissions/target";
import { exportResponse, exportTenant } from "@/lib/export/tenant-export";

/** GET /tenants/{key}/export on a workspace host: its own data, for callers holding tenant:export. */
export const exportTenantRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/export",
  operationId: "exportTenant",
  tag: "Export",
  summary: "Export the tenant's data",
  description:
    "A zip with the tenant record and settings (`tenant.json`) and its users, org units and memberships, each as JSON and CSV, read in one consistent snapshot. `Content-Length` is set, so a client can show progress. Audited.",
  pathParams: tenantPathParams.tenant,
  responses: { 200: { description: "The zip.", content: { "application/zip": { schema: z.string().meta({ format: "binary" }) } } } },
  permission: "tenant:export",
  handle: async ({ tenant, actor }) => exportResponse(await exportTenant(tenant, actor, "workspace")),
});

/**
 * The same on the console, for superadmins: any tenant whose database exists, also a suspended,
 * archived or deleted (not yet purged) one — compliance needs the data the workspace no longer serves.
 */
export const exportAnyTenantRoute = platformRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/export",
  variantOf: exportTenantRoute,
  scope: "tenant:export",
  handle: async ({ params, actor }) => {
    const tenant = await tenantNamed(params.key ?? "");
    if (tenant.kind === "root") throw new AppError("not_found", `No tenant with the key “${tenant.key}”.`);
    if (tenant.status === "provisioning") throw new AppError("conflict", "The tenant is still being provisioned; there is nothing to export yet.");
    return exportResponse(await exportTenant(tenant, actor, "console"));
  },
});
