import { z } from "zod";
import { controlDb } from "@/lib/db/control";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { wakeControllers } from "@/lib/provisioning/controller";
import { forgetTenantDb } from "@/lib/db/tenant-clients";
import { redactUrl } from "@/lib/db/urls";

/** Puts a tenant's failed steps back in the queue and wakes the controllers. */
export async function retryProvisioning(tenantId: string, by: AuditActor): Promise<void> {
  await controlDb().$transaction(async (tx) => {
    const failed = await tx.provisioningStep.findMany({ where: { tenantId, status: "failed" }, select: { step: true } });
    if (failed.length === 0) throw new AppError("conflict", "No failed step to retry.");
    await tx.provisioningStep.updateMany({ where: { tenantId, status: "failed" }, data: { status: "pending", nextAttemptAt: null } });
    await recordPlatformEvent(tx, by, {
      action: "tenant.provisioning_retried",
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      after: { steps: failed.map((f) => f.step) },
    });
  });
  await wakeControllers();
}

export const clusterUrlSchema = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(z.url({ protocol: /^postgres(ql)?$/, message: "Use a postgresql:// URL of the dedicated cluster" }).nullable());

/**
 * Points a tenant at a dedicated PostgreSQL cluster (or back to the default one, with null). Only
 * before its database exists: moving a database between clusters is not supported.
 */
export async function setTenantDatabaseCluster(tenantId: string, rawUrl: string, by: AuditActor): Promise<void> {
  const parsed = clusterUrlSchema.safeParse(rawUrl);
  if (!parsed.success) throw new AppError("validation_failed", "Check the cluster URL.", { databaseUrl: parsed.error.issues[0]?.message ?? "Invalid URL" });
  await controlDb().$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, include: { steps: { where: { step: "database.create" } } } });
    if (!tenant) throw new AppError("not_found", "Tenant not found.");
    if (tenant.steps[0]?.status === "done") {
      throw new AppError("conflict", "The database already exists; it cannot be moved to another cluster here.", { databaseUrl: "The database already exists on its cluster." });
    }
    await tx.tenant.update({ where: { id: tenantId }, data: { databaseUrl: parsed.data } });
    await recordPlatformEvent(tx, by, {
      action: "tenant.database_cluster_changed",
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      before: { databaseUrl: tenant.databaseUrl && redactUrl(tenant.databaseUrl) },
      after: { databaseUrl: parsed.data && redactUrl(parsed.data) },
    });
  });
  forgetTenantDb(tenantId);
}
