import { tenantRoute } from "@/lib/api/route";
import { exportResponse, exportTenant } from "@/lib/export/tenant-export";

/** GET /tenants/{key}/export: the tenant's users, org units, memberships and settings as a zip. */
export const exportTenantRoute = tenantRoute({
  permission: "tenant:export",
  handle: async ({ tenant, principal, actor }) => exportResponse(await exportTenant(tenant, actor, principal.kind === "superadmin" ? "console" : "workspace")),
});
