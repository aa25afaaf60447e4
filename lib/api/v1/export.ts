import { AppError } from "@/lib/errors/app-error";
import { platformRoute, tenantRoute } from "@/lib/api/route";
import { tenantNamed } from "@/lib/permissions/target";
import { exportResponse, exportTenant } from "@/lib/export/tenant-export";

/** GET /tenants/{key}/export on a workspace host: its own data, for callers holding tenant:export. */
export const exportTenantRoute = tenantRoute({
  permission: "tenant:export",
  handle: async ({ tenant, actor }) => exportResponse(await exportTenant(tenant, actor, "workspace")),
});

/**
 * The same on the console, for superadmins: any tenant whose database exists, also a suspended,
 * archived or deleted (not yet purged) one — compliance needs the data the workspace no longer serves.
 */
export const exportAnyTenantRoute = platformRoute({
  scope: "tenant:export",
  handle: async ({ params, actor }) => {
    const tenant = await tenantNamed(params.key ?? "");
    if (tenant.kind === "root") throw new AppError("not_found", `No tenant with the key “${tenant.key}”.`);
    if (tenant.status === "provisioning") throw new AppError("conflict", "The tenant is still being provisioned; there is nothing to export yet.");
    return exportResponse(await exportTenant(tenant, actor, "console"));
  },
});
