import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { notify } from "@/lib/db/notify";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Principal } from "@/lib/permissions/permissions";
import { PLATFORM_SCOPES, type PlatformScope } from "@/lib/permissions/platform";
import { createApiKey, createPlatformApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema, createPlatformApiKeySchema } from "@/lib/api-keys/schema";
import { accessDenial } from "@/lib/access/enforce";
import { invalidateStanding } from "@/lib/access/standing-cache";
import { authOptionsFor } from "@/lib/auth/options";
import { createTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { proxy } from "@/proxy";
import { businessCustomer, randomPan, TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedRoot, provisionedTenant } from "@/tests/support/tenants";
import { call, sessionCookie } from "@/tests/support/api";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as consoleUsers from "@/app/console/api/v1/tenants/[key]/users/route";
import * as customers from "@/app/console/api/v1/customers/route";
import * as customer from "@/app/console/api/v1/customers/[id]/route";
import * as tenants from "@/app/console/api/v1/tenants/route";
import * as verification from "@/app/console/api/v1/customers/[id]/verification/route";
import * as payment from "@/app/console/api/v1/customers/[id]/payment-standing/route";
import * as tenantAccess from "@/app/console/api/v1/tenants/[key]/access/route";
import * as userAccess from "@/app/console/api/v1/tenants/[key]/users/[username]/access/route";

const controller = new ProvisioningController();
let root: ResolvedTenant;
let acme: ResolvedTenant;
let acmeCustomerId: string;
let acmeKey: string;
const platformKeys: Partial<Record<"kyc" | "billing" | "reader" | "all", { secret: string; prefix: string }>> = {};

const CONSOLE = "console.localhost:3000";
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;
const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const DAY_MS = 24 * 60 * 60 * 1000;

async function platformKey(scopes: readonly PlatformScope[]) {
  const { key, secret } = await createPlatformApiKey(root, createPlatformApiKeySchema.parse({ name: `machine ${scopes.join(" ")}`.slice(0, 100), scopes }), TEST_ACTOR);
  return { secret, prefix: key.prefix };
}

/** The tenant API as a key and as a signed-in user of the tenant would call it. */
async function tenantApi(tenant: ResolvedTenant, as: { key?: string; username?: string }) {
  const cookie = as.username ? await sessionCookie(tenant, as.username, ["tenant-admin"]) : undefined;
  return call(users.GET, { host: hostOf(tenant), path: `/api/v1/tenants/${tenant.key}/users`, key: as.key, cookie, params: { key: tenant.key } });
}

/** Moves the start of the current standing back, as if `days` had passed since the change. */
async function backdate(customerId: string, days: number) {
  const at = new Date(Date.now() - days * DAY_MS);
  await controlDb().customer.update({ where: { id: customerId }, data: { paymentStandingChangedAt: at, verificationChangedAt: at } });
  const owned = await controlDb().tenant.findMany({ where: { customerId }, select: { id: true } });
  await invalidateStanding(owned.map((t) => t.id));
}

beforeAll(async () => {
  root = await provisionedRoot(controller);
  acme = await provisionedTenant(controller);
  acmeCustomerId = (await controlDb().tenant.findUniqueOrThrow({ where: { id: acme.id } })).customerId;
  acmeKey = (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "acme sync", scopes: PERMISSIONS }), TEST_ACTOR)).secret;
  await createTenantUser(acme, createUserSchema.parse({ username: "seat.user", email: "seat@example.com", passwordMode: "none" }), TEST_PRINCIPAL, TEST_ACTOR);
  platformKeys.kyc = await platformKey(["verification:write", "customer:read"]);
  platformKeys.billing = await platformKey(["billing:write", "tenant:read"]);
  platformKeys.reader = await platformKey(["customer:read", "tenant:read"]);
  platformKeys.all = await platformKey(PLATFORM_SCOPES);
}, 180_000);

afterAll(() => closeTestResources(controller));

describe("platform API keys", () => {
  it("let machines call the console's API with the scopes they were given, and nothing else", async () => {
    const reader = platformKeys.reader!.secret;
    expect(await call(customers.GET, { host: CONSOLE, path: "/api/v1/customers", key: reader })).toMatchObject({ status: 200, body: { items: expect.any(Array) } });
    expect(await call(tenants.GET, { host: CONSOLE, path: "/api/v1/tenants", key: reader })).toMatchObject({ status: 200 });
    // Writing needs customer:write.
    const onboard = await call(customers.POST, {
      host: CONSOLE,
      path: "/api/v1/customers",
      method: "POST",
      key: reader,
      body: { ...businessCustomer({ tenancy: "shared" } as never), tenancy: "shared" },
    });
    expect(onboard).toMatchObject({ status: 403, body: { code: "forbidden", message: expect.stringContaining("customer:write") } });
    // The billing key cannot touch verification, the KYC key cannot touch payment.
    const params = { id: acmeCustomerId };
    expect(
      await call(verification.PUT, {
        host: CONSOLE,
        path: `/api/v1/customers/${acmeCustomerId}/verification`,
        method: "PUT",
        key: platformKeys.billing!.secret,
        params,
        body: { status: "rekyc_due" },
      }),
    ).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(
      await call(payment.PUT, {
        host: CONSOLE,
        path: `/api/v1/customers/${acmeCustomerId}/payment-standing`,
        method: "PUT",
        key: platformKeys.kyc!.secret,
        params,
        body: { standing: "overdue" },
      }),
    ).toMatchObject({ status: 403, body: { code: "forbidden" } });
    // A record-editing key cannot slip a standing change in through PATCH.
    const editor = await platformKey(["customer:write", "customer:read"]);
    expect(
      await call(customer.PATCH, {
        host: CONSOLE,
        path: `/api/v1/customers/${acmeCustomerId}`,
        method: "PATCH",
        key: editor.secret,
        params,
        body: { paymentStanding: "current", city: "Nashik" },
      }),
    ).toMatchObject({ status: 403, body: { message: expect.stringContaining("billing:write") } });
    const stored = await controlDb().customer.findUniqueOrThrow({ where: { id: acmeCustomerId } });
    expect([stored.verificationStatus, stored.paymentStanding, stored.city]).toEqual(["completed", "current", "Pune"]);
    expect(await controlDb().customerStandingChange.count({ where: { customerId: acmeCustomerId, fromStatus: { not: null } } })).toBe(0);
  });

  it("are refused anywhere but the console's platform routes, and once revoked", async () => {
    const all = platformKeys.all!.secret;
    // Not a key of the tenant's host, and no tenant permission on the console's per-tenant routes.
    expect(await call(users.GET, { host: hostOf(acme), path: `/api/v1/tenants/${acme.key}/users`, key: all, params: { key: acme.key } })).toMatchObject({ status: 401 });
    expect(await call(consoleUsers.GET, { host: CONSOLE, path: `/api/v1/tenants/${acme.key}/users`, key: all, params: { key: acme.key } })).toMatchObject({
      status: 403,
      body: { code: "forbidden" },
    });
    // A tenant's key is not a platform key.
    expect(await call(customers.GET, { host: CONSOLE, path: "/api/v1/customers", key: acmeKey })).toMatchObject({ status: 401 });
    const temporary = await platformKey(["customer:read"]);
    expect((await call(customers.GET, { host: CONSOLE, path: "/api/v1/customers", key: temporary.secret })).status).toBe(200);
    const [row] = await tenantDb(root).apiKey.findMany({ where: { prefix: temporary.prefix } });
    await revokeApiKey(root, row!.id, TEST_ACTOR);
    expect(await call(customers.GET, { host: CONSOLE, path: "/api/v1/customers", key: temporary.secret })).toMatchObject({
      status: 401,
      body: { message: expect.stringContaining("revoked") },
    });
  });
});

describe("verification", () => {
  it("is changed by the KYC system's key, with history and an audit event naming the key", async () => {
    const kyc = platformKeys.kyc!;
    const path = `/api/v1/customers/${acmeCustomerId}/verification`;
    const params = { id: acmeCustomerId };
    const bad = await call(verification.PUT, { host: CONSOLE, path, method: "PUT", key: kyc.secret, params, body: { status: "verified" } });
    expect(bad).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { status: expect.any(String) } } });

    const changed = await call(verification.PUT, {
      host: CONSOLE,
      path,
      method: "PUT",
      key: kyc.secret,
      params,
      body: { status: "rekyc_due", note: "Annual re-KYC", references: ["kyc-2026-0042"] },
    });
    expect(changed).toMatchObject({ status: 200, body: { status: "rekyc_due", notes: "Annual re-KYC", references: ["kyc-2026-0042"] } });
    const actor = `root/apikey:${kyc.prefix}`;
    expect((changed.body.history as unknown[])[0]).toMatchObject({ aspect: "verification", fromStatus: "completed", toStatus: "rekyc_due", note: "Annual re-KYC", actor });
    const event = await controlDb().platformAuditEvent.findFirstOrThrow({
      where: { resourceId: acmeCustomerId, action: "customer.verification_changed" },
      orderBy: { id: "desc" },
    });
    expect(event).toMatchObject({ actor, before: { verificationStatus: "completed" }, after: { verificationStatus: "rekyc_due", verificationReferences: ["kyc-2026-0042"] } });

    // Within the grace period the tenant still works; past it, verification_required — for keys and users alike.
    expect((await tenantApi(acme, { key: acmeKey })).status).toBe(200);
    await backdate(acmeCustomerId, 8);
    expect(await tenantApi(acme, { key: acmeKey })).toMatchObject({ status: 403, body: { code: "verification_required" } });
    expect(await tenantApi(acme, { username: "admin" })).toMatchObject({ status: 403, body: { code: "verification_required" } });

    const settled = await call(verification.PUT, { host: CONSOLE, path, method: "PUT", key: kyc.secret, params, body: { status: "completed", note: "Re-KYC done" } });
    expect(settled).toMatchObject({ status: 200, body: { status: "completed", references: ["kyc-2026-0042"] } });
    expect((await tenantApi(acme, { key: acmeKey })).status).toBe(200);
    // The same status again without a note records nothing.
    const before = await controlDb().customerStandingChange.count({ where: { customerId: acmeCustomerId } });
    await call(verification.PUT, { host: CONSOLE, path, method: "PUT", key: kyc.secret, params, body: { status: "completed" } });
    expect(await controlDb().customerStandingChange.count({ where: { customerId: acmeCustomerId } })).toBe(before);
  });

  it("must be completed before a dedicated tenant is created; nothing is written otherwise", async () => {
    const input = { ...businessCustomer(), verificationStatus: "partial" };
    const countBefore = await controlDb().customer.count();
    const refused = await call(customers.POST, { host: CONSOLE, path: "/api/v1/customers", method: "POST", key: platformKeys.all!.secret, body: input });
    expect(refused).toMatchObject({ status: 403, body: { code: "verification_required", fields: { verificationStatus: expect.any(String) } } });
    expect(await controlDb().customer.count()).toBe(countBefore);
    expect(await controlDb().tenant.count({ where: { key: (input as { tenantKey: string }).tenantKey } })).toBe(0);
    // A shared customer needs no verification up front.
    const shared = await call(customers.POST, {
      host: CONSOLE,
      path: "/api/v1/customers",
      method: "POST",
      key: platformKeys.all!.secret,
      body: { ...businessCustomer(), pan: randomPan(), gstin: undefined, tenancy: "shared", verificationStatus: "pending" },
    });
    expect(shared.status).toBe(201);
  });
});

describe("payment standing", () => {
  it("overdue past the grace locks the tenant's users and keys out with payment_required; settling lets them back in", async () => {
    const billing = platformKeys.billing!;
    const path = `/api/v1/customers/${acmeCustomerId}/payment-standing`;
    const params = { id: acmeCustomerId };
    const overdue = await call(payment.PUT, { host: CONSOLE, path, method: "PUT", key: platformKeys.all!.secret, params, body: { standing: "overdue", note: "INV-1001 unpaid" } });
    expect(overdue).toMatchObject({ status: 200, body: { standing: "overdue" } });
    expect((overdue.body.history as unknown[])[0]).toMatchObject({ fromStatus: "current", toStatus: "overdue", note: "INV-1001 unpaid" });
    expect((await tenantApi(acme, { key: acmeKey })).status).toBe(200);
    await backdate(acmeCustomerId, 8);
    expect(await tenantApi(acme, { key: acmeKey })).toMatchObject({ status: 402, body: { code: "payment_required" } });
    expect(await tenantApi(acme, { username: "admin" })).toMatchObject({ status: 402, body: { code: "payment_required" } });
    // The status page is what every page of the workspace turns into; the API keeps its JSON codes.
    expect(await rewriteOf(acme, "/users")).toBe("/workspace-unavailable");
    expect(await rewriteOf(acme, "/api/v1/tenants/x/users")).toBe("/workspace/api/v1/tenants/x/users");
    // And sign-in sends the user to that page instead of giving a session.
    expect(await signInOutcome(acme, "admin")).toBe("/unavailable");
    // The platform still manages the tenant from the console: a superadmin is not a tenant user.
    const superadmin = await sessionCookie(root, "superadmin", ["superadmin"]);
    expect((await call(consoleUsers.GET, { host: CONSOLE, path: `/api/v1/tenants/${acme.key}/users`, cookie: superadmin, params: { key: acme.key } })).status).toBe(200);

    const settled = await call(payment.PUT, { host: CONSOLE, path, method: "PUT", key: billing.secret, params, body: { standing: "current", note: "INV-1001 paid" } });
    expect(settled).toMatchObject({ status: 200, body: { standing: "current" } });
    expect((await tenantApi(acme, { key: acmeKey })).status).toBe(200);
    expect(await rewriteOf(acme, "/users")).toBe("/workspace/users");
    expect(await signInOutcome(acme, "admin")).toBe(true);
    const events = await controlDb().platformAuditEvent.findMany({ where: { resourceId: acmeCustomerId, action: "customer.payment_standing_changed" }, orderBy: { id: "asc" } });
    expect(events.slice(-2).map((e) => [e.actor, (e.after as { paymentStanding: string }).paymentStanding])).toEqual([
      [`root/apikey:${platformKeys.all!.prefix}`, "overdue"],
      [`root/apikey:${billing.prefix}`, "current"],
    ]);
  });

  it("lets the break-glass admin in despite the standing only when the superadmin allowed it", async () => {
    const { setBreakglassExemption, changePaymentStanding } = await import("@/lib/standing/commands");
    await changePaymentStanding(acmeCustomerId, { standing: "overdue" }, TEST_ACTOR);
    await backdate(acmeCustomerId, 30);
    expect(await tenantApi(acme, { username: "breakglass" })).toMatchObject({ status: 402 });
    await setBreakglassExemption(acme.id, { allowed: true, reason: "Customer must export data" }, { ...TEST_ACTOR, actor: "root/superadmin" });
    expect((await tenantApi(acme, { username: "breakglass" })).status).toBe(200);
    expect(await signInOutcome(acme, "breakglass")).toBe(true);
    // Nobody else: not another admin, not a key; pages stay reachable so the break-glass admin can sign in.
    expect(await tenantApi(acme, { username: "admin" })).toMatchObject({ status: 402 });
    expect(await tenantApi(acme, { key: acmeKey })).toMatchObject({ status: 402 });
    expect(await signInOutcome(acme, "admin")).toBe("/unavailable");
    expect(await rewriteOf(acme, "/users")).toBe("/workspace/users");
    const event = await controlDb().platformAuditEvent.findFirstOrThrow({ where: { resourceId: acme.id, action: "tenant.breakglass_allowed" } });
    expect(event).toMatchObject({ actor: "root/superadmin", after: { breakglassExempt: true, reason: "Customer must export data" } });

    await setBreakglassExemption(acme.id, { allowed: false }, TEST_ACTOR);
    await changePaymentStanding(acmeCustomerId, { standing: "current" }, TEST_ACTOR);
    expect((await tenantApi(acme, { username: "admin" })).status).toBe(200);
  });
});

describe("billing's access switches", () => {
  it("disable and re-enable a whole tenant (tenant_suspended), with the reason on record", async () => {
    const billing = platformKeys.billing!;
    const params = { key: acme.key };
    const path = `/api/v1/tenants/${acme.key}/access`;
    expect(await call(tenantAccess.PUT, { host: CONSOLE, path, method: "PUT", key: billing.secret, params, body: { enabled: false } })).toMatchObject({
      status: 400,
      body: { fields: { reason: expect.any(String) } },
    });
    const disabled = await call(tenantAccess.PUT, { host: CONSOLE, path, method: "PUT", key: billing.secret, params, body: { enabled: false, reason: "Contract ended" } });
    expect(disabled).toMatchObject({ status: 200, body: { accessEnabled: false, disabledReason: "Contract ended", access: { allowed: false, code: "tenant_suspended" } } });
    expect(await tenantApi(acme, { key: acmeKey })).toMatchObject({ status: 403, body: { code: "tenant_suspended" } });
    expect(await tenantApi(acme, { username: "admin" })).toMatchObject({ status: 403, body: { code: "tenant_suspended" } });
    // The lifecycle status is untouched: this is a separate switch.
    expect((await controlDb().tenant.findUniqueOrThrow({ where: { id: acme.id } })).status).toBe("active");

    const enabled = await call(tenantAccess.PUT, { host: CONSOLE, path, method: "PUT", key: billing.secret, params, body: { enabled: true } });
    expect(enabled).toMatchObject({ status: 200, body: { accessEnabled: true, access: { allowed: true, code: null } } });
    expect((await tenantApi(acme, { key: acmeKey })).status).toBe(200);
    const events = await controlDb().platformAuditEvent.findMany({
      where: { resourceId: acme.id, action: { in: ["tenant.access_disabled", "tenant.access_enabled"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["tenant.access_disabled", `root/apikey:${billing.prefix}`],
      ["tenant.access_enabled", `root/apikey:${billing.prefix}`],
    ]);
    // A key without billing:write is refused and changes nothing.
    expect(await call(tenantAccess.PUT, { host: CONSOLE, path, method: "PUT", key: platformKeys.reader!.secret, params, body: { enabled: false, reason: "x" } })).toMatchObject({
      status: 403,
    });
    expect((await controlDb().tenant.findUniqueOrThrow({ where: { id: acme.id } })).accessDisabledAt).toBeNull();
  });

  it("disable and re-enable a single user through the tenant's user service", async () => {
    const billing = platformKeys.billing!;
    const params = { key: acme.key, username: "seat.user" };
    const path = `/api/v1/tenants/${acme.key}/users/seat.user/access`;
    expect(await call(userAccess.PUT, { host: CONSOLE, path, method: "PUT", key: billing.secret, params, body: { enabled: false, reason: "Seat not paid" } })).toMatchObject({
      status: 200,
      body: { enabled: false },
    });
    expect(await tenantApi(acme, { username: "seat.user" })).toMatchObject({ status: 401 });
    expect((await tenantApi(acme, { username: "admin" })).status).toBe(200);
    expect(await call(userAccess.PUT, { host: CONSOLE, path, method: "PUT", key: billing.secret, params, body: { enabled: true } })).toMatchObject({
      status: 200,
      body: { enabled: true },
    });
    expect((await tenantApi(acme, { username: "seat.user" })).status).not.toBe(401);
    const tenantTrail = await tenantDb(acme).auditEvent.findMany({ where: { resourceId: "seat.user", action: { in: ["user.disabled", "user.enabled"] } }, orderBy: { id: "asc" } });
    expect(tenantTrail.map((e) => [e.action, e.actor])).toEqual([
      ["user.disabled", `root/apikey:${billing.prefix}`],
      ["user.enabled", `root/apikey:${billing.prefix}`],
    ]);
    expect(await controlDb().platformAuditEvent.count({ where: { tenantId: acme.id, action: { in: ["tenant.user_disabled", "tenant.user_enabled"] } } })).toBe(2);
    expect(
      await call(userAccess.PUT, {
        host: CONSOLE,
        path: `/api/v1/tenants/${acme.key}/users/nobody/access`,
        method: "PUT",
        key: billing.secret,
        params: { key: acme.key, username: "nobody" },
        body: { enabled: false },
      }),
    ).toMatchObject({ status: 404 });
  });
});

describe("the standing cache", () => {
  it("drops a tenant's standing when another process announces a change", async () => {
    expect(await accessDenial(acme, { kind: "apikey" })).toBeNull();
    // Another process changed the standing and announced it; this one only hears the NOTIFY.
    await controlDb().tenant.update({ where: { id: acme.id }, data: { accessDisabledAt: new Date(), accessDisabledReason: "elsewhere" } });
    await notify("gatehouse_tenancy", acme.id);
    await expect.poll(async () => (await accessDenial(acme, { kind: "apikey" }))?.code ?? null, { timeout: 5_000 }).toBe("tenant_suspended");
    await controlDb().tenant.update({ where: { id: acme.id }, data: { accessDisabledAt: null, accessDisabledReason: null } });
    await notify("gatehouse_tenancy", acme.id);
    await expect.poll(async () => accessDenial(acme, { kind: "apikey" }), { timeout: 5_000 }).toBeNull();
  });
});

/** Where the proxy sends a page request on the tenant's host. */
async function rewriteOf(tenant: ResolvedTenant, pathname: string): Promise<string | null> {
  const response = await proxy(new NextRequest(`http://${hostOf(tenant)}${pathname}`, { headers: { host: hostOf(tenant) } }));
  const rewrite = response.headers.get("x-middleware-rewrite");
  return rewrite ? new URL(rewrite).pathname : null;
}

/** What the tenant's next-auth sign-in callback answers for this user: true, or where it sends them. */
async function signInOutcome(tenant: ResolvedTenant, username: string): Promise<string | boolean> {
  const signIn = authOptionsFor(tenant).callbacks?.signIn;
  if (!signIn) throw new Error("no signIn callback");
  return signIn({ user: { id: username }, account: null, profile: { preferred_username: username } as never });
}
