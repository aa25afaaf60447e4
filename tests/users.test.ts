import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { createTenantUser, deleteTenantUser, resetTenantUserPassword, retryUserSync, setTenantUserEnabled, updateTenantUser } from "@/lib/users/commands";
import { listUsers } from "@/lib/users/queries";
import { createUserSchema, userListQuerySchema } from "@/lib/users/schema";
import { findUserByUsername, realmRolesOf } from "@/lib/identity/users";
import { deleteRealm, ensureRealm } from "@/lib/identity/realms";
import { syncRealmRoles, TENANT_ROLES } from "@/lib/identity/roles";
import { ProvisioningController } from "@/lib/provisioning/controller";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let other: ResolvedTenant;

beforeAll(async () => {
  [acme, other] = [await provisionedTenant(controller), await provisionedTenant(controller)];
});

afterAll(() => closeTestResources(controller));

const input = (username: string, extra: Record<string, string> = {}) => createUserSchema.parse({ username, email: `${username}@example.com`, firstName: "Test", ...extra });

describe("tenant users", () => {
  it("creates the user in the tenant database and the realm, with its role and a one-time password", async () => {
    const result = await createTenantUser(acme, input("Asha.Rao", { tenantRole: "auditor" }), TEST_PRINCIPAL, TEST_ACTOR);
    expect(result).toMatchObject({ username: "asha.rao", provisioningState: "synced" });
    expect(result.oneTimePassword).toMatch(/^.{20}$/);
    const row = await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "asha.rao" } });
    const identity = await findUserByUsername(acme.key, "asha.rao");
    expect(row.identityId).toBe(identity?.id);
    expect(await realmRolesOf(acme.key, identity!.id)).toContain("auditor");
    expect(await tenantDb(acme).auditEvent.count({ where: { resourceId: "asha.rao", action: "user.created" } })).toBe(1);
  });

  it("creates a user without any password (for provisioning systems) who gets one by a reset later", async () => {
    const result = await createTenantUser(acme, input("nopass", { passwordMode: "none" }), TEST_PRINCIPAL, TEST_ACTOR);
    expect(result).toEqual({ username: "nopass", provisioningState: "synced" });
    expect(await findUserByUsername(acme.key, "nopass")).not.toBeNull();
    const reset = await resetTenantUserPassword(acme, "nopass", undefined, TEST_PRINCIPAL, TEST_ACTOR);
    expect(reset.oneTimePassword).toBeTruthy();
  });

  it("refuses a taken username with a conflict, also when two creates race, and writes nothing else", async () => {
    await createTenantUser(acme, input("dup"), TEST_PRINCIPAL, TEST_ACTOR);
    await expect(createTenantUser(acme, input("dup"), TEST_PRINCIPAL, TEST_ACTOR)).rejects.toMatchObject({ code: "conflict", fields: { username: expect.any(String) } });
    const results = await Promise.allSettled([
      createTenantUser(acme, input("race"), TEST_PRINCIPAL, TEST_ACTOR),
      createTenantUser(acme, input("race"), TEST_PRINCIPAL, TEST_ACTOR),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await tenantDb(acme).user.count({ where: { username: "race" } })).toBe(1);
  });

  it("rejects bad usernames and emails before anything is written", () => {
    for (const bad of [{ username: "-x" }, { username: "a" }, { username: "has space" }, { username: "ok", email: "nope" }]) {
      expect(createUserSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("disables a user in both places and re-enables them", async () => {
    await createTenantUser(acme, input("dora"), TEST_PRINCIPAL, TEST_ACTOR);
    await setTenantUserEnabled(acme, "dora", false, TEST_PRINCIPAL, TEST_ACTOR);
    expect((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "dora" } })).enabled).toBe(false);
    expect((await findUserByUsername(acme.key, "dora"))?.enabled).toBe(false);
    await setTenantUserEnabled(acme, "dora", true, TEST_PRINCIPAL, TEST_ACTOR);
    expect((await findUserByUsername(acme.key, "dora"))?.enabled).toBe(true);
  });

  it("never deletes the break-glass admin — refused by the server and by the database", async () => {
    await expect(deleteTenantUser(acme, "breakglass", TEST_PRINCIPAL, TEST_ACTOR)).rejects.toMatchObject({ code: "forbidden" });
    await expect(tenantDb(acme).$executeRaw`DELETE FROM users WHERE username = 'breakglass'`).rejects.toThrow(/break-glass/);
    await setTenantUserEnabled(acme, "breakglass", false, TEST_PRINCIPAL, TEST_ACTOR);
    expect((await findUserByUsername(acme.key, "breakglass"))?.enabled).toBe(false);
    await setTenantUserEnabled(acme, "breakglass", true, TEST_PRINCIPAL, TEST_ACTOR);
  });

  it("deletes a user from the realm and the tenant", async () => {
    await createTenantUser(acme, input("gone"), TEST_PRINCIPAL, TEST_ACTOR);
    await deleteTenantUser(acme, "gone", TEST_PRINCIPAL, TEST_ACTOR);
    expect(await tenantDb(acme).user.findUnique({ where: { username: "gone" } })).toBeNull();
    expect(await findUserByUsername(acme.key, "gone")).toBeNull();
  });

  it("shows a failed sync and repairs it on retry, never leaving the two sides silently different", async () => {
    const broken = await provisionedTenant(controller);
    await deleteRealm(broken.key); // the identity side is gone
    const result = await createTenantUser(broken, input("lost"), TEST_PRINCIPAL, TEST_ACTOR);
    expect(result.provisioningState).toBe("failed");
    expect(result.oneTimePassword).toBeUndefined();
    const row = await tenantDb(broken).user.findUniqueOrThrow({ where: { username: "lost" } });
    expect(row.syncError).toBeTruthy();
    expect((await listUsers(broken, userListQuerySchema.parse({ state: "failed" }))).items.map((u) => u.username)).toEqual(["lost"]);

    await ensureRealm({ name: broken.key, displayName: broken.displayName, enabled: true });
    await syncRealmRoles(broken.key, TENANT_ROLES);
    const retried = await retryUserSync(broken, "lost", TEST_PRINCIPAL, TEST_ACTOR);
    expect(retried.provisioningState).toBe("synced");
    expect(retried.oneTimePassword).toBeTruthy();
    expect(await findUserByUsername(broken.key, "lost")).not.toBeNull();
  });

  it("updates the profile on both sides", async () => {
    await createTenantUser(acme, input("eve"), TEST_PRINCIPAL, TEST_ACTOR);
    await updateTenantUser(acme, "eve", { email: "eve@new.example", firstName: "Eve", lastName: "Adams" }, TEST_PRINCIPAL, TEST_ACTOR);
    expect(await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "eve" } })).toMatchObject({ email: "eve@new.example", lastName: "Adams", provisioningState: "synced" });
  });

  it("lists with keyset pagination and prefix search over username, email and names", async () => {
    for (const name of ["kp-a", "kp-b", "kp-c"]) await createTenantUser(acme, input(name, { lastName: "Zimmer" }), TEST_PRINCIPAL, TEST_ACTOR);
    const first = await listUsers(acme, userListQuerySchema.parse({ q: "kp-", limit: 2 }));
    expect(first.items.map((u) => u.username)).toEqual(["kp-a", "kp-b"]);
    const second = await listUsers(acme, userListQuerySchema.parse({ q: "kp-", limit: 2, after: first.next! }));
    expect(second.items.map((u) => u.username)).toEqual(["kp-c"]);
    expect(second.next).toBeNull();
    expect((await listUsers(acme, userListQuerySchema.parse({ q: "zimm" }))).items).toHaveLength(3);
    expect((await listUsers(acme, userListQuerySchema.parse({ q: "kp-a@example" }))).items.map((u) => u.username)).toEqual(["kp-a"]);
  });

  it("keeps tenants apart: another tenant's username is not found there", async () => {
    await createTenantUser(acme, input("only-acme"), TEST_PRINCIPAL, TEST_ACTOR);
    await expect(setTenantUserEnabled(other, "only-acme", false, TEST_PRINCIPAL, TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteTenantUser(other, "only-acme", TEST_PRINCIPAL, TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
    expect((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "only-acme" } })).enabled).toBe(true);
  });
});
