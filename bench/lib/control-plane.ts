// The control plane a benchmark runs against: migrated, bootstrapped, and its clients released at cleanup.

/**
 * Points the app's modules at `controlUrl`, migrates the control database and ensures the bootstrap
 * records; registers the release of the app's process-wide clients (tenant pools, the NOTIFY
 * listener, the control client) to run before the cluster stops.
 */
export async function prepareControlPlane(controlUrl: string, onCleanup: (fn: () => Promise<void>) => unknown): Promise<void> {
  process.env.DATABASE_URL = controlUrl;
  const { migrate } = await import("@/lib/db/migrate");
  const { ensureBootstrapRecords } = await import("@/lib/tenants/bootstrap");
  await migrate("control", controlUrl);
  await ensureBootstrapRecords();
  onCleanup(async () => {
    const { closeTenantDbs } = await import("@/lib/db/tenant-clients");
    const { closeListener } = await import("@/lib/db/notify");
    const { controlDb } = await import("@/lib/db/control");
    await closeTenantDbs();
    await closeListener();
    await controlDb().$disconnect();
  });
}
