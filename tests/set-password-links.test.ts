import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { createTenantUser, deleteTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import { hashSecret } from "@/lib/secrets/tokens";
import { inspectSetPasswordLink, issueSetPasswordLink, setPasswordWithLink } from "@/lib/set-password-links/service";
import { choosePasswordSchema } from "@/lib/set-password-links/schema";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { passwordAccepted } from "@/tests/support/identity-login";
import { holdIdentityWrites, holdsUnavailable, openTransactions } from "@/tests/support/slow-identity";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
const CLIENT = { ip: "203.0.113.9", userAgent: "vitest" };

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
});

afterAll(() => closeTestResources(controller));

const tokenOf = (url: string) => url.split("/set-password/")[1]!;

async function userWithLink(tenant: ResolvedTenant, username: string) {
  const created = await createTenantUser(tenant, createUserSchema.parse({ username, passwordMode: "link" }), TEST_PRINCIPAL, TEST_ACTOR);
  expect(created.setPasswordLink).toBeDefined();
  return { created, token: tokenOf(created.setPasswordLink!.url) };
}

describe("set-password links", () => {
  it("lets the user choose a password once on the tenant's host; only the token's hash is stored", async () => {
    const { created, token } = await userWithLink(acme, "linda");
    expect(created.oneTimePassword).toBeUndefined();
    expect(created.setPasswordLink!.url).toBe(`http://${acme.key}.localhost:3000/set-password/${token}`);
    const expiresIn = created.setPasswordLink!.expiresAt.getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(71 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(72 * 3600_000);
    const [row] = await tenantDb(acme).setPasswordLink.findMany({ where: { user: { username: "linda" } } });
    expect(row!.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await inspectSetPasswordLink(acme, token)).toMatchObject({ state: "valid", username: "linda" });
    expect(await setPasswordWithLink(acme, token, "linda-chose-this-1", CLIENT)).toEqual({ username: "linda" });
    expect(await passwordAccepted(acme.key, "linda", "linda-chose-this-1")).toBe(true);
    expect(await tenantDb(acme).auditEvent.findFirst({ where: { action: "user.password_set_by_link", resourceId: "linda" } })).toMatchObject({
      actor: `${acme.key}/linda`,
      ip: CLIENT.ip,
    });

    // Used up: the page says so, and a second use changes nothing.
    expect(await inspectSetPasswordLink(acme, token)).toEqual({ state: "used" });
    await expect(setPasswordWithLink(acme, token, "someone-else-2", CLIENT)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already been used") });
    expect(await passwordAccepted(acme.key, "linda", "someone-else-2")).toBe(false);
    expect(await passwordAccepted(acme.key, "linda", "linda-chose-this-1")).toBe(true);
  });

  it("succeeds once when the same link is submitted twice at the same time", async () => {
    const { token } = await userWithLink(acme, "racer");
    const results = await Promise.allSettled([setPasswordWithLink(acme, token, "first-password-1", CLIENT), setPasswordWithLink(acme, token, "second-password-2", CLIENT)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "user.password_set_by_link", resourceId: "racer" } })).toBe(1);
  });

  it.skipIf(holdsUnavailable)("holds no transaction open while the identity server sets the password, and refuses a second submission meanwhile at once", async () => {
    const { token } = await userWithLink(acme, "patient");
    // The identity server's password writes wait (its database is busy), as Keycloak's can for seconds.
    const hold = await holdIdentityWrites("LOCK TABLE credentials IN SHARE MODE");
    try {
      const first = setPasswordWithLink(acme, token, "patient-password-1", CLIENT);
      first.catch(() => {});
      await hold.blocked();
      expect(await openTransactions(acme.databaseName)).toBe(0);
      expect(await inspectSetPasswordLink(acme, token)).toEqual({ state: "in_use" });
      // Not queued behind the first one: refused straight away, with the reason.
      await expect(setPasswordWithLink(acme, token, "patient-password-2", CLIENT)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("right now") });
      await hold.release();
      expect(await first).toEqual({ username: "patient" });
    } finally {
      await hold.release();
    }
    expect(await inspectSetPasswordLink(acme, token)).toEqual({ state: "used" });
    expect(await passwordAccepted(acme.key, "patient", "patient-password-1")).toBe(true);
    expect(await passwordAccepted(acme.key, "patient", "patient-password-2")).toBe(false);
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "user.password_set_by_link", resourceId: "patient" } })).toBe(1);
  });

  it("keeps the link when the identity server refuses the password, so the user can choose another", async () => {
    const { token } = await userWithLink(acme, "picky");
    // The embedded server refuses an empty password with 400 (the form never sends one).
    await expect(setPasswordWithLink(acme, token, "", CLIENT)).rejects.toMatchObject({ code: "validation_failed" });
    expect(await inspectSetPasswordLink(acme, token)).toMatchObject({ state: "valid" });
    expect(await setPasswordWithLink(acme, token, "picky-password-1", CLIENT)).toEqual({ username: "picky" });
    expect(await passwordAccepted(acme.key, "picky", "picky-password-1")).toBe(true);
  });

  it("spends a link whose redemption was cut off (process died after claiming it): never used twice", async () => {
    const { token } = await userWithLink(acme, "orphan");
    // What a process that died between claiming the link and recording the outcome leaves behind.
    await tenantDb(acme).setPasswordLink.updateMany({
      where: { tokenHash: hashSecret(token) },
      data: { claimId: crypto.randomUUID(), claimedAt: new Date(Date.now() - 10 * 60_000) },
    });
    expect(await inspectSetPasswordLink(acme, token)).toEqual({ state: "interrupted" });
    await expect(setPasswordWithLink(acme, token, "orphan-password-1", CLIENT)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("interrupted") });
    expect(await passwordAccepted(acme.key, "orphan", "orphan-password-1")).toBe(false);
    // A new link works.
    const fresh = tokenOf((await issueSetPasswordLink(acme, "orphan", TEST_ACTOR)).url);
    expect(await setPasswordWithLink(acme, fresh, "orphan-password-2", CLIENT)).toEqual({ username: "orphan" });
  });

  it("refuses an expired link", async () => {
    const { token } = await userWithLink(acme, "late");
    await tenantDb(acme).setPasswordLink.updateMany({ where: { tokenHash: hashSecret(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectSetPasswordLink(acme, token)).toEqual({ state: "expired" });
    await expect(setPasswordWithLink(acme, token, "too-late-password", CLIENT)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("expired") });
    expect(await passwordAccepted(acme.key, "late", "too-late-password")).toBe(false);
  });

  it("supersedes older links when a new one is made", async () => {
    const { token: first } = await userWithLink(acme, "twice");
    const second = tokenOf((await issueSetPasswordLink(acme, "twice", TEST_ACTOR)).url);
    expect(await inspectSetPasswordLink(acme, first)).toEqual({ state: "superseded" });
    await expect(setPasswordWithLink(acme, first, "old-link-password", CLIENT)).rejects.toMatchObject({ code: "conflict" });
    expect(await inspectSetPasswordLink(acme, second)).toMatchObject({ state: "valid" });
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "user.set_password_link_issued", resourceId: "twice" } })).toBe(2);
  });

  it("is worthless on another tenant's host, and there changes nothing", async () => {
    const { token } = await userWithLink(acme, "scoped");
    expect(await inspectSetPasswordLink(globex, token)).toEqual({ state: "invalid" });
    await expect(setPasswordWithLink(globex, token, "cross-tenant-pass", CLIENT)).rejects.toMatchObject({ code: "not_found" });
    expect(await inspectSetPasswordLink(acme, token)).toMatchObject({ state: "valid" });
    for (const bad of ["", "short", `${token}x`, token.replace(/^./, (c) => (c === "A" ? "B" : "A"))]) {
      expect(await inspectSetPasswordLink(acme, bad)).toEqual({ state: "invalid" });
    }
  });

  it("refuses a disabled user's link, and goes with a deleted user", async () => {
    const { token } = await userWithLink(acme, "leaver");
    await tenantDb(acme).user.update({ where: { username: "leaver" }, data: { enabled: false } });
    expect(await inspectSetPasswordLink(acme, token)).toEqual({ state: "disabled" });
    await tenantDb(acme).user.update({ where: { username: "leaver" }, data: { enabled: true } });
    await deleteTenantUser(acme, "leaver", TEST_PRINCIPAL, TEST_ACTOR);
    expect(await inspectSetPasswordLink(acme, token)).toEqual({ state: "invalid" });
  });

  it("validates the chosen password before anything happens", () => {
    expect(choosePasswordSchema.safeParse({ password: "short", confirm: "short" }).success).toBe(false);
    const mismatch = choosePasswordSchema.safeParse({ password: "long-enough-1", confirm: "long-enough-2" });
    expect(mismatch.success ? null : mismatch.error.issues[0]?.path).toEqual(["confirm"]);
  });

  it("cannot be made for a user the realm does not have yet", async () => {
    await tenantDb(acme).user.create({ data: { username: "unsynced", provisioningState: "failed" } });
    await expect(issueSetPasswordLink(acme, "unsynced", TEST_ACTOR)).rejects.toMatchObject({ code: "conflict" });
    await expect(issueSetPasswordLink(acme, "nobody", TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
  });
});
