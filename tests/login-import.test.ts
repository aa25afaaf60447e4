// The periodic login-event import against the real control database and identity server: one
// process at a time (a lease in PostgreSQL), taken over when its holder dies, and a per-realm
// schedule that polls active realms at the base interval and idle ones ever less often.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { identityAdmin } from "@/lib/identity/admin";
import { issuerFor } from "@/lib/identity/config";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { leaseHolder, releaseLease } from "@/lib/db/lease";
import { LOGIN_IMPORT_LEASE, pollDelayMs, runLoginImportSweep } from "@/lib/audit/login-import-job";
import { noteLoginActivity } from "@/lib/audit/login-activity";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let active: ResolvedTenant;
let idle: ResolvedTenant;
const HOLDERS = ["importer-a", "importer-b", "doomed", "heir", "scheduler"];

/** A failed password sign-in at the realm: one LOGIN_ERROR event there. */
async function failedLogin(tenant: ResolvedTenant): Promise<void> {
  const response = await fetch(`${issuerFor(tenant.key)}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "import-test", username: "nobody", password: "x" }),
  });
  expect(response.status).toBe(400);
}

async function releaseAll(): Promise<void> {
  for (const holder of HOLDERS) await releaseLease(LOGIN_IMPORT_LEASE, holder);
}

beforeAll(async () => {
  [active, idle] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  await (await identityAdmin()).clients.create({ realm: active.key, clientId: "import-test", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
  // Suites that ran before in other workers may have left their (still unexpired) lease behind.
  await controlDb().lease.deleteMany({ where: { name: LOGIN_IMPORT_LEASE } });
}, 60_000);

afterAll(async () => {
  await releaseAll();
  // The schedule test moved its clock ahead: let later suites find every realm due.
  await controlDb().loginImportSchedule.deleteMany({});
  await closeTestResources(controller);
});

describe("the login-event import's lease", () => {
  it("lets one of two importers started at once import; the other reports that it does not hold the lease", async () => {
    await failedLogin(active);
    const results = await Promise.all(["importer-a", "importer-b"].map((holder) => runLoginImportSweep({ holder, leaseMs: 60_000 })));
    const winners = results.filter((r) => r.held);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.held)).toEqual([{ held: false }]);
    const holder = await leaseHolder(LOGIN_IMPORT_LEASE);
    expect(["importer-a", "importer-b"]).toContain(holder);
    expect(winners[0]).toMatchObject({ held: true, lostLease: false, polled: expect.arrayContaining([active.key, idle.key]) });
    expect(await tenantDb(active).auditEvent.count({ where: { action: "login.failed", resourceId: "nobody" } })).toBe(1);

    // The holder keeps it from sweep to sweep; the other keeps being refused until it is given up.
    const other = holder === "importer-a" ? "importer-b" : "importer-a";
    expect((await runLoginImportSweep({ holder: holder!, leaseMs: 60_000 })).held).toBe(true);
    expect(await runLoginImportSweep({ holder: other, leaseMs: 60_000 })).toEqual({ held: false });
    await releaseLease(LOGIN_IMPORT_LEASE, holder!);
    expect((await runLoginImportSweep({ holder: other, leaseMs: 60_000 })).held).toBe(true);
    await releaseLease(LOGIN_IMPORT_LEASE, other);
  });

  it("is taken over once the lease of a holder that died has expired", async () => {
    expect((await runLoginImportSweep({ holder: "doomed", leaseMs: 1_000 })).held).toBe(true);
    // "doomed" dies: it neither renews nor gives the lease up.
    expect(await runLoginImportSweep({ holder: "heir", leaseMs: 1_000 })).toEqual({ held: false });
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await runLoginImportSweep({ holder: "heir", leaseMs: 1_000 })).held).toBe(true);
    expect(await leaseHolder(LOGIN_IMPORT_LEASE)).toBe("heir");
    await releaseLease(LOGIN_IMPORT_LEASE, "heir");
  });
});

describe("the login-event import's schedule", () => {
  it("doubles an idle realm's interval after each empty poll, up to the maximum", () => {
    expect([0, 1, 2, 3].map((n) => pollDelayMs(n, 60_000, 600_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(pollDelayMs(4, 60_000, 600_000)).toBe(600_000);
    expect(pollDelayMs(1_000, 60_000, 600_000)).toBe(600_000);
  });

  it("polls a realm with sign-in activity every interval and an idle one ever less often; activity makes it due at once", async () => {
    // Both realms start unscheduled (never polled), an hour ahead: every realm is due at the first step.
    await controlDb().loginImportSchedule.deleteMany({ where: { tenantId: { in: [active.id, idle.id] } } });
    const start = Date.now() + 60 * 60_000;
    const polls = { active: 0, idle: 0 };
    const steps = 12;
    for (let step = 0; step < steps; step++) {
      await failedLogin(active);
      const at = new Date(start + step * 61_000); // a little more than the 60 s base interval apart
      const result = await runLoginImportSweep({ holder: "scheduler", now: () => at });
      if (!result.held) throw new Error("the scheduler should hold the lease");
      polls.active += result.polled.filter((key) => key === active.key).length;
      polls.idle += result.polled.filter((key) => key === idle.key).length;
    }
    expect(polls.active).toBe(steps);
    // Empty polls at steps 0, 2 and 6 (intervals of 2, 4 and 8 minutes): three polls in twelve minutes.
    expect(polls.idle).toBe(3);
    expect(await tenantDb(active).auditEvent.count({ where: { action: "login.failed", resourceId: "nobody" } })).toBe(1 + steps);
    const schedules = await controlDb().loginImportSchedule.findMany({ where: { tenantId: { in: [active.id, idle.id] } } });
    expect(schedules.find((s) => s.tenantId === active.id)).toMatchObject({ idlePolls: 0 });
    expect(schedules.find((s) => s.tenantId === idle.id)).toMatchObject({ idlePolls: 3 });

    // A sign-in through Gatehouse on the idle realm: it is polled at the next sweep.
    await noteLoginActivity(idle.id);
    const next = await runLoginImportSweep({ holder: "scheduler", now: () => new Date(start + steps * 61_000) });
    expect(next.held && next.polled).toContain(idle.key);
    await releaseLease(LOGIN_IMPORT_LEASE, "scheduler");
  });
});
