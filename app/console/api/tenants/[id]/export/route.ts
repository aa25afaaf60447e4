import { z } from "zod";
import { authorizeSuperadmin } from "@/lib/auth/guards";
import { controlDb } from "@/lib/db/control";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/http";
import { exportResponse, exportTenant } from "@/lib/export/tenant-export";

export const dynamic = "force-dynamic";

/**
 * The console's export of any tenant whose database exists — also a suspended, archived or deleted
 * (not yet purged) one, which the per-tenant REST API refuses. Superadmins only.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { actor } = await authorizeSuperadmin();
    const id = z.uuid().safeParse((await params).id);
    const tenant = id.success
      ? await controlDb().tenant.findUnique({ where: { id: id.data }, select: { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true, purgedAt: true } })
      : null;
    if (!tenant || tenant.purgedAt) throw new AppError("not_found", "Tenant not found.");
    if (tenant.status === "provisioning") throw new AppError("conflict", "The tenant is still being provisioned; there is nothing to export yet.");
    return exportResponse(await exportTenant(tenant, actor, "console"));
  } catch (error) {
    return errorResponse(error);
  }
}
