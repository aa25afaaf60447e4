// The break-glass admin's one-time passwords against the real control plane and identity server:
// the initial one must be changed at the first sign-in, and a new one can be issued (audited)
// while the tenant is active.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { withAdmin } from "@/lib/identity/admin";
import { findUserByUsername } from "@/lib/identity/users";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { changeTenantLifecycle } from "@/lib/tenants/lifecycle";
import { initialCredentialState, issueNewInitialPassword, revealInitialPassword } from "@/lib/tenants/initial-credential";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let tenant: ResolvedTenant;

beforeAll(async () => {
  tenant = await provisionedTenant(controller);
});
afterAll(() => closeTestResources(controller));

async function requiredActions(): Promise<string[]> {
  const user = await findUserByUsername(tenant.key, "breakglass");
  const full = await withAdmin((admin) => admin.users.findOne({ realm: tenant.key, id: user!.id }));
  return full?.requiredActions ?? [];
}

describe("the break-glass admin's passwords", () => {
  it("creates the admin with a one-time password it must change at the first sign-in", async () => {
    expect(await requiredActions()).toContain("UPDATE_PASSWORD");
  });

  it("issues a new one-time password once the first was shown, and audits it", async () => {
    const first = await revealInitialPassword(tenant.id, TEST_ACTOR);
    const { username, password } = await issueNewInitialPassword(tenant.id, TEST_ACTOR);
    expect(username).toBe("breakglass");
    expect(password).not.toBe(first.password);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await requiredActions()).toContain("UPDATE_PASSWORD");
    expect(await initialCredentialState(tenant.id)).toMatchObject({ revealed: true });
    const event = await controlDb().platformAuditEvent.findFirstOrThrow({ where: { resourceId: tenant.id, action: "tenant.breakglass_password_reset" } });
    expect(event).toMatchObject({ actor: TEST_ACTOR.actor, tenantId: tenant.id });
    expect(JSON.stringify(event.after)).not.toContain(password);
  });

  it("refuses a new password while the tenant is not active, and records nothing", async () => {
    await changeTenantLifecycle(tenant.id, { action: "suspend", reason: "test: suspend" }, TEST_ACTOR);
    const before = await controlDb().platformAuditEvent.count({ where: { resourceId: tenant.id, action: "tenant.breakglass_password_reset" } });
    await expect(issueNewInitialPassword(tenant.id, TEST_ACTOR)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("suspended") });
    expect(await controlDb().platformAuditEvent.count({ where: { resourceId: tenant.id, action: "tenant.breakglass_password_reset" } })).toBe(before);
  });
});
