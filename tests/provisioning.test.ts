import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDb, closeTenantDbs } from "@/lib/db/tenant-clients";
import { closeListener } from "@/lib/db/notify";
import { createCustomer } from "@/lib/customers/service";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { retryProvisioning, setTenantDatabaseCluster } from "@/lib/tenants/commands";
import { latestMigration } from "@/lib/db/migrate";
import { PROVISIONING_STEPS } from "@/lib/provisioning/steps";
import { BREAK_GLASS_USERNAME } from "@/lib/kernel/break-glass";
import { countAppClients } from "@/lib/identity/clients";
import { realmExists } from "@/lib/identity/realms";
import { countUsers, findUserByUsername, realmRolesOf } from "@/lib/identity/users";
import { identityAdmin } from "@/lib/identity/admin";
import { businessCustomer, TEST_ACTOR } from "@/tests/support/fixtures";
import { blackHole, databaseExists, waitFor } from "@/tests/support/cluster";

const controllers: ProvisioningController[] = [];
function controller(): ProvisioningController {
  const c = new ProvisioningController();
  controllers.push(c);
  return c;
}

afterAll(async () => {
  await Promise.all(controllers.map((c) => c.stop().catch(() => {})));
  await closeTenantDbs();
  await closeListener();
  await controlDb().$disconnect();
});

/** Every step done; the first one took `firstAttempts` attempts, the others one. */
const allDone = (firstAttempts = 1) => PROVISIONING_STEPS.map((_, i) => ["done", i === 0 ? firstAttempts : 1]);

/** Exactly one realm, one app client and one break-glass admin, whatever happened before. */
async function expectSingleIdentity(key: string) {
  expect(await realmExists(key)).toBe(true);
  const admin = await identityAdmin();
  expect((await admin.realms.find()).filter((r) => r.realm === key)).toHaveLength(1);
  expect(await countAppClients(key)).toBe(1);
  expect(await countUsers(key)).toBe(1);
  const user = await findUserByUsername(key, BREAK_GLASS_USERNAME);
  expect(user).not.toBeNull();
  expect(await realmRolesOf(key, user!.id)).toContain("tenant-admin");
}

const steps = (tenantId: string) => controlDb().provisioningStep.findMany({ where: { tenantId }, orderBy: { position: "asc" } });

describe("provisioning controller", () => {
  it("creates and migrates the tenant database, records each step, and activates the tenant", async () => {
    const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
    await controller().reconcile(tenantId);

    const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant.status).toBe("active");
    expect(tenant.activatedAt).toBeInstanceOf(Date);
    expect(tenant.schemaVersion).toBe(await latestMigration("tenant"));
    for (const step of await steps(tenantId)) {
      expect(step).toMatchObject({ status: "done", attempts: 1, lastError: null });
      expect(step.doneAt!.getTime()).toBeGreaterThanOrEqual(step.startedAt!.getTime());
    }
    expect(await databaseExists(tenant.databaseName)).toBe(true);
    const meta = await tenantDb(tenant).tenantMeta.findMany();
    expect(meta).toEqual([expect.objectContaining({ tenantId, tenantKey: tenant.key })]);
    expect(await tenantDb(tenant).user.findMany({ select: { username: true, isBreakGlass: true } })).toEqual([{ username: "breakglass", isBreakGlass: true }]);
  });

  it("provisions a tenant once when two controllers (two app processes) reach it together", async () => {
    const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
    await Promise.all([controller().reconcile(tenantId), controller().reconcile(tenantId), controller().reconcile(tenantId)]);
    expect((await steps(tenantId)).map((s) => [s.status, s.attempts])).toEqual(allDone());
    const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    await expectSingleIdentity(tenant.key);
    const activations = await controlDb().platformAuditEvent.count({ where: { resourceId: tenantId, action: "tenant.activated" } });
    expect(activations).toBe(1);
  });

  it("records a failed step with its error, creates nothing, and completes after the cause is fixed and retried", async () => {
    const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR, { databaseUrl: "postgresql://nobody:secret@127.0.0.1:1/postgres" });
    await controller().reconcile(tenantId);

    const [create, ...rest] = await steps(tenantId);
    expect(create).toMatchObject({ status: "failed", attempts: 1 });
    expect(create!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(create!.nextAttemptAt).toBeInstanceOf(Date);
    for (const step of rest) expect(step).toMatchObject({ status: "pending", attempts: 0 });
    const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant.status).toBe("provisioning");
    expect(await databaseExists(tenant.databaseName)).toBe(false);

    await setTenantDatabaseCluster(tenantId, "", TEST_ACTOR);
    await retryProvisioning(tenantId, TEST_ACTOR);
    await controller().reconcile(tenantId);
    expect((await steps(tenantId)).map((s) => [s.status, s.attempts])).toEqual(allDone(2));
    expect((await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } })).status).toBe("active");
  });

  it("refuses to retry when nothing failed", async () => {
    const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
    await expect(retryProvisioning(tenantId, TEST_ACTOR)).rejects.toMatchObject({ code: "conflict" });
  });

  it("resumes a step interrupted by SIGKILL: the lock dies with the process and the next run completes the tenant", async () => {
    const hole = await blackHole();
    try {
      const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR, { databaseUrl: `postgresql://x:y@127.0.0.1:${hole.port}/postgres` });
      const child = spawn(process.execPath, ["--import", "tsx", path.join("tests", "support", "controller-child.ts"), tenantId], {
        env: process.env,
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      await waitFor(async () => (await steps(tenantId))[0]?.status === "running", "the step to start in the child process");
      child.kill("SIGKILL");
      await exited;

      expect((await steps(tenantId))[0]).toMatchObject({ status: "running", attempts: 1 });
      await setTenantDatabaseCluster(tenantId, "", TEST_ACTOR);
      expect(await controller().reconcile(tenantId)).toBe(true); // the dead process's lock is gone
      const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
      expect(tenant.status).toBe("active");
      expect((await steps(tenantId)).map((s) => [s.status, s.attempts])).toEqual(allDone(2));
      expect(await databaseExists(tenant.databaseName)).toBe(true);
      await expectSingleIdentity(tenant.key);
    } finally {
      await hole.close();
    }
  });

  it("converges to one realm, one client and one admin whenever the process is SIGKILLed mid-provisioning", async () => {
    for (const killAfterMs of [60, 140, 260, 420]) {
      const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
      const child = spawn(process.execPath, ["--import", "tsx", path.join("tests", "support", "controller-child.ts"), tenantId], { env: process.env, stdio: "ignore" });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      await waitFor(async () => (await steps(tenantId)).some((s) => s.status !== "pending"), "provisioning to start");
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill("SIGKILL");
      await exited;

      await controller().reconcile(tenantId);
      const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
      expect(tenant.status, `killed after ${killAfterMs} ms`).toBe("active");
      expect((await steps(tenantId)).every((s) => s.status === "done")).toBe(true);
      await expectSingleIdentity(tenant.key);
    }
  });

  it("re-runs migrations for tenants whose schema is behind after an upgrade", async () => {
    const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
    await controller().reconcile(tenantId);
    await controlDb().tenant.update({ where: { id: tenantId }, data: { schemaVersion: "0_older" } });

    const running = controller();
    await running.start();
    await waitFor(async () => (await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } })).schemaVersion === (await latestMigration("tenant")), "the fleet migration");
    await running.stop();
    const migrateStep = (await steps(tenantId)).find((s) => s.step === "database.migrate");
    expect(migrateStep).toMatchObject({ status: "done", attempts: 2 });
  });
});

describe("tenant database clients", () => {
  it("keep at most GATEHOUSE_TENANT_CLIENT_CACHE_MAX clients open, evicting the least recently used", async () => {
    const { tenantClientCacheSize } = await import("@/lib/db/tenant-clients");
    const max = Number(process.env.GATEHOUSE_TENANT_CLIENT_CACHE_MAX ?? 50);
    for (let i = 0; i < max + 20; i++) tenantDb({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, databaseName: `gatehouse_t_none_${i}`, databaseUrl: null });
    expect(tenantClientCacheSize()).toBe(max);
  });
});
