// First: it prepares the globals Next's request stores need before anything loads them.
import { asRequest } from "@/tests/support/server-action";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The guard package refuses any import outside a React server build; the actions are server code.
vi.mock("server-only", () => ({}));
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { createUserAction, setEnabledAction } from "@/lib/edge/actions/users";
import { createOrgUnitAction } from "@/lib/edge/actions/org-units";
import { addToOrgUnitAction } from "@/lib/edge/actions/memberships";
import { createApiKeyAction } from "@/lib/edge/actions/api-keys";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { findUserByUsername } from "@/lib/identity/users";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { sessionCookie } from "@/tests/support/api";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let root: ResolvedTenant;
const CONSOLE = "console.localhost:3000";
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

function keyForm(name: string): FormData {
  const data = form({ name });
  data.append("scopes", "user:list");
  return data;
}

const newUser = (username: string) => form({ username, email: `${username}@example.com`, tenantRole: "member", passwordMode: "none" });
const userCount = (t: ResolvedTenant, username: string) => tenantDb(t).user.count({ where: { username } });

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  root = await rootTenant();
});

afterAll(() => closeTestResources(controller));

describe("tenant administration from the console", () => {
  it("lets a superadmin create a user, an org unit and a membership in a customer tenant", async () => {
    const superadmin = { host: CONSOLE, cookie: await sessionCookie(root, "superadmin", ["superadmin"]) };
    const created = await asRequest(superadmin, () => createUserAction(acme.key, initialFormState, newUser("console.made")));
    expect(created).toMatchObject({ ok: true, redirectTo: `/tenants/${acme.id}/users/console.made` });
    expect(await findUserByUsername(acme.key, "console.made")).not.toBeNull();
    const audit = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "user.created", resourceId: "console.made" } });
    expect(audit.actor).toBe("root/superadmin");

    const ou = await asRequest(superadmin, () => createOrgUnitAction(acme.key, initialFormState, form({ identifier: "console-ou", name: "Console OU" })));
    expect(ou).toMatchObject({ ok: true, redirectTo: expect.stringMatching(new RegExp(`^/tenants/${acme.id}/org-units/`)) });
    const added = await asRequest(superadmin, () => addToOrgUnitAction(acme.key, "console.made", initialFormState, form({ orgUnit: "console-ou", role: "auditor" })));
    expect(added.ok).toBe(true);
    expect(await tenantDb(acme).membership.count({ where: { username: "console.made" } })).toBe(1);
    // Nothing landed in another tenant.
    expect(await userCount(globex, "console.made")).toBe(0);

    const key = await asRequest(superadmin, () => createApiKeyAction(acme.key, initialFormState, keyForm("console key")));
    expect(key).toMatchObject({ ok: true, values: { secret: expect.stringMatching(/^ghk_/) } });
    expect(await tenantDb(acme).apiKey.findFirst({ where: { name: "console key" } })).toMatchObject({ createdBy: "root/superadmin" });
  });

  it("refuses to act on the console's own tenant or on no tenant", async () => {
    const superadmin = { host: CONSOLE, cookie: await sessionCookie(root, "superadmin", ["superadmin"]) };
    for (const target of [root.key, null, "no-such-tenant"]) {
      const state = await asRequest(superadmin, () => createUserAction(target, initialFormState, newUser("nowhere")));
      expect(state).toMatchObject({ ok: false, code: "not_found" });
    }
  });
});

describe("attacks on the console's tenant-administration actions", () => {
  const refused = (state: FormState, code: string) => expect(state).toMatchObject({ ok: false, code });

  it("refuses a tenant admin's session on the console host: it does not even decrypt there", async () => {
    const tenantAdmin = { host: CONSOLE, cookie: await sessionCookie(acme, "breakglass", ["tenant-admin"]) };
    refused(await asRequest(tenantAdmin, () => createUserAction(acme.key, initialFormState, newUser("intruder1"))), "unauthorized");
    refused(await asRequest(tenantAdmin, () => createUserAction(globex.key, initialFormState, newUser("intruder1"))), "unauthorized");
    refused(await asRequest(tenantAdmin, () => createApiKeyAction(acme.key, initialFormState, keyForm("intruder key"))), "unauthorized");
    expect(await tenantDb(acme).apiKey.count({ where: { name: "intruder key" } })).toBe(0);
    expect(await userCount(acme, "intruder1")).toBe(0);
    expect(await userCount(globex, "intruder1")).toBe(0);
  });

  it("refuses a root-realm user who is not a superadmin", async () => {
    const operator = { host: CONSOLE, cookie: await sessionCookie(root, "operator", ["tenant-admin"]) };
    refused(await asRequest(operator, () => createUserAction(acme.key, initialFormState, newUser("intruder2"))), "forbidden");
    refused(await asRequest(operator, () => setEnabledAction(acme.key, "breakglass", false, initialFormState)), "forbidden");
    expect(await userCount(acme, "intruder2")).toBe(0);
    expect((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "breakglass" } })).enabled).toBe(true);
  });

  it("refuses a tenant admin who names another tenant from their own host", async () => {
    const tenantAdmin = { host: hostOf(acme), cookie: await sessionCookie(acme, "breakglass", ["tenant-admin"]) };
    refused(await asRequest(tenantAdmin, () => createUserAction(globex.key, initialFormState, newUser("intruder3"))), "forbidden");
    refused(await asRequest(tenantAdmin, () => setEnabledAction(globex.key, "breakglass", false, initialFormState)), "forbidden");
    refused(await asRequest(tenantAdmin, () => createOrgUnitAction(globex.key, initialFormState, form({ identifier: "stolen", name: "Stolen" }))), "forbidden");
    refused(await asRequest(tenantAdmin, () => createApiKeyAction(globex.key, initialFormState, keyForm("stolen key"))), "forbidden");
    expect(await tenantDb(globex).apiKey.count({ where: { name: "stolen key" } })).toBe(0);
    expect(await userCount(globex, "intruder3")).toBe(0);
    expect(await tenantDb(globex).orgUnit.count({ where: { identifier: "stolen" } })).toBe(0);
    expect((await tenantDb(globex).user.findUniqueOrThrow({ where: { username: "breakglass" } })).enabled).toBe(true);
    // Their own workspace still works the usual way.
    const own = await asRequest(tenantAdmin, () => createUserAction(null, initialFormState, newUser("own.user")));
    expect(own).toMatchObject({ ok: true, redirectTo: "/users/own.user" });
  });
});
