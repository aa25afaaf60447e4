// The console home's queries against the real control plane and console database: what needs the
// operator (standing lock-outs with their dates, failed steps, tenants in retention, expiring
// platform keys) and the newest platform events.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { env } from "@/lib/config/env";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { customersAtRisk, expiringPlatformKeys, failedProvisioningSteps, recentPlatformActivity, tenantsInRetention } from "@/lib/console-home/attention";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { closeTestResources, provisionedRoot, provisionedTenant } from "@/tests/support/tenants";

const DAY = 24 * 60 * 60 * 1000;
const controller = new ProvisioningController();
const now = new Date();
let overdue: ResolvedTenant;
let deleted: ResolvedTenant;
let root: ResolvedTenant;

beforeAll(async () => {
  [overdue, deleted, root] = [await provisionedTenant(controller), await provisionedTenant(controller), await provisionedRoot(controller)];
}, 180_000);

afterAll(() => closeTestResources(controller));

describe("what needs the operator", () => {
  it("lists a customer whose payment is overdue with the day its lock-out starts", async () => {
    const { customerId } = await controlDb().tenant.findUniqueOrThrow({ where: { id: overdue.id } });
    const since = new Date(now.getTime() - DAY);
    await controlDb().customer.update({ where: { id: customerId }, data: { paymentStanding: "overdue", paymentStandingChangedAt: since } });
    const item = (await customersAtRisk(now)).find((c) => c.customerId === customerId);
    const at = new Date(since.getTime() + env().GATEHOUSE_STANDING_GRACE_DAYS * DAY);
    expect(item).toMatchObject({ reason: "payment", at, locked: at <= now });
  });

  it("lists a step that failed for good, with its error, and not one still being retried", async () => {
    await controlDb().provisioningStep.update({
      where: { tenantId_step: { tenantId: overdue.id, step: "roles.sync" } },
      data: { status: "failed", lastError: "realm unreachable", nextAttemptAt: null },
    });
    await controlDb().provisioningStep.update({
      where: { tenantId_step: { tenantId: overdue.id, step: "client.ensure" } },
      data: { status: "failed", lastError: "retrying", nextAttemptAt: new Date(now.getTime() + DAY) },
    });
    const mine = (await failedProvisioningSteps()).filter((s) => s.tenantId === overdue.id);
    expect(mine).toEqual([expect.objectContaining({ title: "Sync realm roles", error: "realm unreachable" })]);
  });

  it("lists a deleted tenant not purged yet with its purge date", async () => {
    const purgeAfter = new Date(now.getTime() + 30 * DAY);
    await controlDb().tenant.update({ where: { id: deleted.id }, data: { status: "deleted", deletedAt: now, purgeAfter } });
    expect((await tenantsInRetention()).find((t) => t.tenantId === deleted.id)).toMatchObject({ purgeAfter });
  });

  it("lists platform keys expiring within two weeks, not later ones, revoked ones or expired ones", async () => {
    const key = (name: string, inDays: number, revoked = false) => ({
      name,
      prefix: Array.from({ length: 10 }, () => "abcdefghijklmnopqrstuvwxyz234567"[Math.floor(Math.random() * 32)]).join(""),
      hash: createHash("sha256").update(`${name}${now.getTime()}`).digest("hex"),
      createdBy: "test",
      expiresAt: new Date(now.getTime() + inDays * DAY),
      revokedAt: revoked ? now : null,
    });
    await tenantDb(root).apiKey.createMany({ data: [key("soon", 3), key("later", 60), key("revoked", 3, true), key("expired", -1)] });
    const names = (await expiringPlatformKeys(root, now)).map((k) => k.name);
    expect(names).toContain("soon");
    expect(names).not.toContain("later");
    expect(names).not.toContain("revoked");
    expect(names).not.toContain("expired");
  });

  it("shows the newest platform events first", async () => {
    await controlDb().platformAuditEvent.create({ data: { actor: "system", action: "test.home_activity", resourceType: "tenant", resourceId: overdue.id } });
    const recent = await recentPlatformActivity(5);
    expect(recent.length).toBeLessThanOrEqual(5);
    expect(recent[0]).toMatchObject({ action: "test.home_activity" });
  });
});
