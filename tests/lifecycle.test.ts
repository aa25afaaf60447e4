// Tenant lifecycle against the real control plane, tenant databases and identity server: every
// transition allowed and refused, audited with its actor; delete disables the realm (no login);
// restore within retention brings access back; the purge after retention is idempotent and
// resumable, and frees the key for a new tenant.
process.env.GATEHOUSE_DELETION_RETENTION_DAYS = String(6 / 86_400); // six seconds

import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { identityAdmin } from "@/lib/identity/admin";
import { issuerFor } from "@/lib/identity/config";
import { realmExists, setRealmEnabled } from "@/lib/identity/realms";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { purgeRealm } from "@/lib/provisioning/purge-steps";
import { purgedKeyFor } from "@/lib/kernel/tenant-key";
import { changeTenantLifecycle, type LifecycleAction } from "@/lib/tenants/lifecycle";
import { createCustomer } from "@/lib/customers/service";
import { tenantByKey } from "@/lib/tenancy/resolve";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { tenantUrl } from "@/lib/tenancy/urls";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { databaseExists, waitFor } from "@/tests/support/cluster";
import { call, sessionCookie } from "@/tests/support/api";
import { holdIdentityWrites, holdsUnavailable, openTransactions } from "@/tests/support/slow-identity";
import { databaseNameOf } from "@/lib/db/urls";
import * as lifecycleRoute from "@/app/console/api/v1/tenants/[key]/lifecycle/route";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";

const controller = new ProvisioningController();
const CONSOLE = "console.localhost:3000";
const OPERATOR = { actor: "root/superadmin", ip: "10.0.0.9", userAgent: "lifecycle-test" };

afterAll(() => closeTestResources(controller));

const change = (tenant: ResolvedTenant, action: LifecycleAction, reason = `test: ${action}`) => changeTenantLifecycle(tenant.id, { action, reason }, OPERATOR);
const statusOf = async (tenant: { id: string }) => (await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).status;
const realmEnabled = async (key: string) => (await (await identityAdmin()).realms.findOne({ realm: key }))?.enabled;

/** The authorization endpoint of the tenant's realm, as a browser starting a sign-in hits it. */
async function signInPage(tenant: ResolvedTenant): Promise<{ status: number; html: string }> {
  const params = new URLSearchParams({
    client_id: "gatehouse",
    response_type: "code",
    scope: "openid",
    redirect_uri: `${tenantUrl(tenant)}/api/auth/callback/keycloak`,
    state: "s",
    nonce: "n",
  });
  const response = await fetch(`${issuerFor(tenant.key)}/protocol/openid-connect/auth?${params}`, { redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

async function apiKeyOf(tenant: ResolvedTenant): Promise<string> {
  const admin = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} } as const;
  return (await createApiKey(tenant, admin, createApiKeySchema.parse({ name: "lifecycle", scopes: ["user:list"] }), TEST_ACTOR)).secret;
}

const listUsers = (tenant: ResolvedTenant, key: string) =>
  call(users.GET, { host: `${tenant.key}.localhost:3000`, path: `/api/v1/tenants/${tenant.key}/users`, key, params: { key: tenant.key } });

describe("lifecycle transitions", () => {
  let tenant: ResolvedTenant;
  let key: string;
  beforeAll(async () => {
    tenant = await provisionedTenant(controller);
    key = await apiKeyOf(tenant);
  }, 60_000);

  it("suspends an active tenant: the API refuses it at once, data kept; resuming brings it back; both audited", async () => {
    expect((await listUsers(tenant, key)).status).toBe(200);
    await tenantByKey(tenant.key); // warm the host cache, which the change must invalidate
    await change(tenant, "suspend", "invoice dispute");
    expect((await tenantByKey(tenant.key))?.status).toBe("suspended");
    expect(await listUsers(tenant, key)).toMatchObject({ status: 403, body: { code: "tenant_suspended" } });
    expect(await realmEnabled(tenant.key)).toBe(true); // suspension is enforced by the app; the realm and data stay

    await change(tenant, "resume", "dispute settled");
    expect((await listUsers(tenant, key)).status).toBe(200);

    const events = await controlDb().platformAuditEvent.findMany({
      where: { resourceId: tenant.id, action: { in: ["tenant.suspended", "tenant.resumed"] } },
      orderBy: { id: "asc" },
    });
    expect(events).toMatchObject([
      {
        action: "tenant.suspended",
        actor: "root/superadmin",
        ip: "10.0.0.9",
        userAgent: "lifecycle-test",
        before: { status: "active" },
        after: { status: "suspended", reason: "invoice dispute" },
      },
      { action: "tenant.resumed", actor: "root/superadmin", before: { status: "suspended" }, after: { status: "active", reason: "dispute settled" } },
    ]);
  });

  it("refuses every transition the state machine does not allow, with a conflict that says why, changing nothing", async () => {
    const refusedFromActive: LifecycleAction[] = ["resume", "archive", "delete", "restore"];
    for (const action of refusedFromActive) {
      await expect(change(tenant, action)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("active tenant cannot be") });
    }
    await change(tenant, "suspend");
    await expect(change(tenant, "suspend")).rejects.toMatchObject({ code: "conflict" });
    await change(tenant, "archive");
    for (const action of ["suspend", "resume", "archive"] as const) await expect(change(tenant, action)).rejects.toMatchObject({ code: "conflict" });
    expect(await statusOf(tenant)).toBe("archived");

    await change(tenant, "restore", "compliance review over");
    expect(await statusOf(tenant)).toBe("active");
    expect((await listUsers(tenant, key)).status).toBe(200);
    const restores = await controlDb().platformAuditEvent.count({ where: { resourceId: tenant.id, action: "tenant.restored" } });
    expect(restores).toBe(1);
  });

  it("needs a reason", async () => {
    await expect(changeTenantLifecycle(tenant.id, { action: "suspend", reason: " " }, OPERATOR)).rejects.toMatchObject({
      code: "validation_failed",
      fields: { reason: expect.any(String) },
    });
    expect(await statusOf(tenant)).toBe("active");
  });

  it("never changes the root or the cloud tenant", async () => {
    const root = await rootTenant();
    const cloud = await controlDb().tenant.findFirstOrThrow({ where: { kind: "shared_cloud" } });
    for (const t of [root, cloud]) {
      const before = await statusOf(t);
      await expect(changeTenantLifecycle(t.id, { action: "suspend", reason: "try" }, OPERATOR)).rejects.toMatchObject({
        code: "conflict",
        message: expect.stringContaining("cannot be suspended"),
      });
      expect(await statusOf(t)).toBe(before);
    }
  });
});

describe("the platform API", () => {
  it("changes the lifecycle for a superadmin, refuses others, and answers conflicts as 409", async () => {
    const tenant = await provisionedTenant(controller);
    const root = await rootTenant();
    const superadmin = await sessionCookie(root, "superadmin", ["superadmin"]);
    const post = (cookie: string, body: unknown) =>
      call(lifecycleRoute.POST, { host: CONSOLE, path: `/api/v1/tenants/${tenant.key}/lifecycle`, method: "POST", cookie, params: { key: tenant.key }, body });

    expect(await post(await sessionCookie(root, "operator", ["viewer"]), { action: "suspend", reason: "no" })).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await post(superadmin, { action: "resume", reason: "not suspended" })).toMatchObject({ status: 409, body: { code: "conflict" } });
    expect(await post(superadmin, { action: "explode", reason: "x" })).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { action: expect.any(String) } } });
    expect(await statusOf(tenant)).toBe("active");

    const done = await post(superadmin, { action: "suspend", reason: "API test" });
    expect(done).toMatchObject({ status: 200, body: { key: tenant.key, status: "suspended", statusReason: "API test" } });
    const event = await controlDb().platformAuditEvent.findFirstOrThrow({ where: { resourceId: tenant.id, action: "tenant.suspended" } });
    expect(event.actor).toBe("root/superadmin");
  });
});

describe("deletion, retention and purge", () => {
  it("disables the realm at once (no login), and a restore within retention brings access back", async () => {
    const tenant = await provisionedTenant(controller);
    const key = await apiKeyOf(tenant);
    expect((await signInPage(tenant)).status).toBeLessThan(400);

    await change(tenant, "suspend");
    const deleted = await change(tenant, "delete", "customer left");
    expect(deleted.status).toBe("deleted");
    expect(deleted.purgeAfter!.getTime()).toBeGreaterThan(Date.now());
    expect(await realmEnabled(tenant.key)).toBe(false);
    // Refused at the identity server itself (Keycloak answers 400, the embedded server 403), in words.
    const refused = await signInPage(tenant);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.html).toContain("suspended");
    await controller.queueDuePurges(); // retention not over: nothing queued
    expect(await controlDb().provisioningStep.count({ where: { tenantId: tenant.id, step: { startsWith: "purge." } } })).toBe(0);

    await change(tenant, "restore", "customer came back");
    expect(await statusOf(tenant)).toBe("suspended"); // the status it was deleted from
    expect(await realmEnabled(tenant.key)).toBe(true);
    await change(tenant, "resume");
    expect((await signInPage(tenant)).status).toBeLessThan(400);
    expect((await listUsers(tenant, key)).status).toBe(200); // data kept
    const row = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(row).toMatchObject({ deletedAt: null, purgeAfter: null, statusBeforeDeletion: null });
    const actions = (await controlDb().platformAuditEvent.findMany({ where: { resourceId: tenant.id, action: { startsWith: "tenant." } }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["tenant.deleted", "tenant.restored"]));
  });

  it.skipIf(holdsUnavailable)("holds no transaction open while the realm is switched off, and commits the deletion after it", async () => {
    const tenant = await provisionedTenant(controller);
    await change(tenant, "suspend");
    // The identity server's update of this realm waits (its database is busy), as Keycloak's can for seconds.
    const hold = await holdIdentityWrites("SELECT 1 FROM realms WHERE name = $1 FOR UPDATE", [tenant.key]);
    try {
      const deleting = change(tenant, "delete", "slow identity server");
      deleting.catch(() => {});
      await hold.blocked();
      expect(await openTransactions(databaseNameOf(process.env.DATABASE_URL!))).toBe(0);
      // The intent is recorded; the status is not changed before the realm is.
      expect(await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ status: "suspended", realmSwitchAttempt: expect.any(String) });
      await hold.release();
      expect(await deleting).toMatchObject({ status: "deleted" });
    } finally {
      await hold.release();
    }
    expect(await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ status: "deleted", realmSwitchAttempt: null });
    expect(await realmEnabled(tenant.key)).toBe(false);
  });

  it("puts the realm back in line at the next change when a process died between switching it and committing", async () => {
    const tenant = await provisionedTenant(controller);
    await change(tenant, "suspend");
    // What a delete whose process died after the realm call leaves: the attempt recorded, the realm off, the status unchanged.
    await controlDb().tenant.update({ where: { id: tenant.id }, data: { realmSwitchAttempt: crypto.randomUUID(), realmSwitchStartedAt: new Date() } });
    await setRealmEnabled(tenant.key, false);
    await change(tenant, "resume");
    expect(await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ status: "active", realmSwitchAttempt: null });
    expect(await realmEnabled(tenant.key)).toBe(true);
    expect((await signInPage(tenant)).status).toBeLessThan(400);
  });

  it("purges the database and realm after retention, resumes an interrupted purge, refuses restore, and frees the key", async () => {
    const tenant = await provisionedTenant(controller);
    await change(tenant, "suspend");
    await change(tenant, "archive");
    await change(tenant, "delete", "contract ended");
    await waitFor(async () => (await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).purgeAfter! <= new Date(), "retention to run out", 15_000);

    await controller.queueDuePurges();
    // A controller crashed in the middle: the realm is already gone and the database step was running.
    await purgeRealm({ tenant, log: (await import("@/lib/log/logger")).logger() });
    await controlDb().provisioningStep.updateMany({ where: { tenantId: tenant.id, step: "purge.realm" }, data: { status: "done", attempts: 1 } });
    await controlDb().provisioningStep.updateMany({ where: { tenantId: tenant.id, step: "purge.database" }, data: { status: "running", attempts: 1, startedAt: new Date() } });
    await expect(change(tenant, "restore", "too late")).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("purge has started") });

    expect(await controller.reconcile(tenant.id)).toBe(true);
    const steps = await controlDb().provisioningStep.findMany({ where: { tenantId: tenant.id, step: { startsWith: "purge." } }, orderBy: { position: "asc" } });
    expect(steps.map((s) => [s.step, s.status])).toEqual([
      ["purge.realm", "done"],
      ["purge.database", "done"],
      ["purge.release_key", "done"],
    ]);
    expect(await databaseExists(tenant.databaseName)).toBe(false);
    expect(await realmExists(tenant.key)).toBe(false);
    const purged = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(purged).toMatchObject({ status: "deleted", key: purgedKeyFor(tenant.id), purgedKey: tenant.key, purgedAt: expect.any(Date) });
    expect(await tenantByKey(tenant.key)).toBeNull();
    expect(await controlDb().platformAuditEvent.findFirst({ where: { resourceId: tenant.id, action: "tenant.purged" } })).toMatchObject({
      actor: "system:provisioning-controller",
    });

    // Idempotent: every purge step run again changes nothing and does not fail.
    await controlDb().provisioningStep.updateMany({ where: { tenantId: tenant.id, step: { startsWith: "purge." } }, data: { status: "pending" } });
    await controller.reconcile(tenant.id);
    expect(await controlDb().provisioningStep.count({ where: { tenantId: tenant.id, status: "done", step: { startsWith: "purge." } } })).toBe(3);
    expect(await controlDb().platformAuditEvent.count({ where: { resourceId: tenant.id, action: "tenant.purged" } })).toBe(1);

    // The key is free again: a new customer's tenant gets it, with a fresh database and realm.
    const { tenantId } = await createCustomer(businessCustomer({ tenantKey: tenant.key }), TEST_ACTOR);
    await controller.reconcile(tenantId);
    const reused = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(reused).toMatchObject({ key: tenant.key, status: "active" });
    expect(await realmEnabled(tenant.key)).toBe(true);
    expect((await tenantByKey(tenant.key))?.id).toBe(tenantId);
  }, 60_000);

  it("completes a purge whose controller process was SIGKILLed in the middle", async () => {
    for (const killAfterMs of [0, 40, 120]) {
      const tenant = await provisionedTenant(controller);
      await change(tenant, "suspend");
      await change(tenant, "delete", "killed mid-purge");
      await controlDb().tenant.update({ where: { id: tenant.id }, data: { purgeAfter: new Date() } }); // retention over
      await controller.queueDuePurges();
      const child = spawn(process.execPath, ["--import", "tsx", path.join("tests", "support", "controller-child.ts"), tenant.id], { env: process.env, stdio: "ignore" });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      await waitFor(
        async () => (await controlDb().provisioningStep.count({ where: { tenantId: tenant.id, step: { startsWith: "purge." }, status: { not: "pending" } } })) > 0,
        "the purge to start",
      );
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill("SIGKILL");
      await exited;

      // The dead process's session (and with it the tenant's lock) ends once PostgreSQL notices the closed socket.
      await waitFor(() => controller.reconcile(tenant.id), "the dead controller's lock to be released");
      // A step the killed process left half-done may fail once more (Keycloak may still be deleting
      // the realm it was asked to); the controller's next attempt, after its backoff, completes it.
      const purgeSteps = () => controlDb().provisioningStep.findMany({ where: { tenantId: tenant.id, step: { startsWith: "purge." } } });
      await waitFor(async () => (await purgeSteps()).every((s) => s.status === "done") || void (await controller.reconcile(tenant.id)), "the purge's retries to finish it", 45_000);
      const steps = await purgeSteps();
      expect(steps.map((s) => s.status)).toEqual(["done", "done", "done"]);
      expect(await databaseExists(tenant.databaseName)).toBe(false);
      expect(await realmExists(tenant.key)).toBe(false);
      expect(await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ key: purgedKeyFor(tenant.id), purgedKey: tenant.key });
    }
  }, 180_000);
});
