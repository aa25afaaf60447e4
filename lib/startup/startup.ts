import { env, requireDatabaseUrl } from "@/lib/config/env";
import { migrate } from "@/lib/db/migrate";
import { appRoleWarning } from "@/lib/db/app-role";
import { processSingleton } from "@/lib/db/global-singleton";
import { logger } from "@/lib/log/logger";
import { ensureBootstrapRecords } from "@/lib/tenants/bootstrap";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { startLoginEventImport } from "@/lib/audit/login-import-job";
import { startDomainVerificationJob } from "@/lib/domains/verification-job";

/**
 * What every app process does before serving: bring the control plane to the current schema,
 * ensure the bootstrap records, and start this process's provisioning controller.
 */
export async function startGatehouse(): Promise<void> {
  await processSingleton("startup", async () => {
    const log = logger().child({ component: "startup" });
    const applied = await migrate("control", requireDatabaseUrl());
    if (applied.length) log.info({ applied }, "control-plane migrations applied");
    const unprotected = appRoleWarning();
    if (unprotected) log.warn(unprotected);
    await ensureBootstrapRecords();
    if (env().GATEHOUSE_CONTROLLER) {
      const controller = new ProvisioningController();
      await controller.start();
      log.info("provisioning controller started");
      startLoginEventImport();
      startDomainVerificationJob();
    }
  });
}
