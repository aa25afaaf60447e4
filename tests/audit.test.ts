import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { identityAdmin } from "@/lib/identity/admin";
import { issuerFor } from "@/lib/identity/config";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { createTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { importLoginEvents } from "@/lib/audit/login-import";
import { importAllLoginEvents, LOGIN_IMPORT_LEASE, processHolder } from "@/lib/audit/login-import-job";
import { releaseLease } from "@/lib/db/lease";
import { listAuditEvents, type AuditSource } from "@/lib/audit/query";
import { auditFilterSchema } from "@/lib/audit/filter";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie } from "@/tests/support/api";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as tenantAudit from "@/app/workspace/api/v1/tenants/[key]/audit-events/route";
import * as consoleTenantAudit from "@/app/console/api/v1/tenants/[key]/audit-events/route";
import * as platformAudit from "@/app/console/api/v1/audit-events/route";
import { logoutRoute as logout } from "@/lib/edge/auth-routes";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let root: ResolvedTenant;
let acmeKey: { secret: string; prefix: string };
let globexKey: string;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;
const CONSOLE = "console.localhost:3000";
const auditPath = (t: ResolvedTenant, query = "") => `/api/v1/tenants/${t.key}/audit-events${query}`;
const filter = (raw: Record<string, string | number>) => auditFilterSchema.parse(raw);

/** A raw GET as a browser or script sends it, for the CSV (the JSON helper would parse the body). */
async function rawGet(handler: typeof tenantAudit.GET, host: string, path: string, params: Record<string, string>, headers: Record<string, string>) {
  const response = await handler(new Request(`http://${host}${path}`, { headers: { host, ...headers } }), { params: Promise.resolve(params) });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  root = await rootTenant();
  const key = await createApiKey(acme, admin, createApiKeySchema.parse({ name: "audit test", scopes: PERMISSIONS }), TEST_ACTOR);
  acmeKey = { secret: key.secret, prefix: key.key.prefix };
  globexKey = (await createApiKey(globex, admin, createApiKeySchema.parse({ name: "globex", scopes: PERMISSIONS }), TEST_ACTOR)).secret;
}, 120_000);

afterAll(async () => {
  await releaseLease(LOGIN_IMPORT_LEASE, processHolder()); // the sweep's lease, for the suites after this one
  await closeTestResources(controller);
});

describe("what is recorded", () => {
  it("a change through the API records the key as actor, with the client's address and user agent", async () => {
    const created = await call(users.POST, {
      host: hostOf(acme),
      path: `/api/v1/tenants/${acme.key}/users`,
      method: "POST",
      key: acmeKey.secret,
      params: { key: acme.key },
      headers: { "x-forwarded-for": "203.0.113.7", "user-agent": "provisioning-bot/1.0" },
      body: { username: "audited.api", email: "audited.api@example.com", passwordMode: "none" },
    });
    expect(created.status).toBe(201);
    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "user.created", resourceId: "audited.api" } });
    expect(event).toMatchObject({ actor: `${acme.key}/apikey:${acmeKey.prefix}`, ip: "203.0.113.7", userAgent: "provisioning-bot/1.0", resourceType: "user" });
    expect(event.after).toMatchObject({ username: "audited.api", email: "audited.api@example.com" });
  });

  it("a change with the session records the signed-in user", async () => {
    const cookie = await sessionCookie(acme, "asha", ["tenant-admin"]);
    const created = await call(users.POST, {
      host: hostOf(acme),
      path: `/api/v1/tenants/${acme.key}/users`,
      method: "POST",
      cookie,
      params: { key: acme.key },
      headers: { "x-forwarded-for": "198.51.100.4", "user-agent": "Mozilla/5.0 test", origin: `http://${hostOf(acme)}` },
      body: { username: "audited.session", passwordMode: "none" },
    });
    expect(created.status).toBe(201);
    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "user.created", resourceId: "audited.session" } });
    expect(event).toMatchObject({ actor: `${acme.key}/asha`, ip: "198.51.100.4", userAgent: "Mozilla/5.0 test" });
  });

  it("provisioning records each step's start and finish and the activation, as the controller", async () => {
    const events = await controlDb().platformAuditEvent.findMany({ where: { tenantId: acme.id }, orderBy: { id: "asc" } });
    const actions = events.map((e) => e.action);
    expect(actions[0]).toBe("tenant.created");
    expect(actions.filter((a) => a === "provisioning.step_started").length).toBeGreaterThanOrEqual(6);
    expect(actions.filter((a) => a === "provisioning.step_done").length).toBe(actions.filter((a) => a === "provisioning.step_started").length);
    expect(actions.at(-1)).toBe("tenant.activated");
    expect(events.find((e) => e.action === "provisioning.step_done")).toMatchObject({
      actor: "system:provisioning-controller",
      after: { step: "database.create", status: "done" },
    });
  });

  it("logins that succeed and fail at the identity server are imported once, with username, ip and error", async () => {
    await createTenantUser(acme, createUserSchema.parse({ username: "lena", passwordMode: "set", password: "lena-password-1" }), TEST_PRINCIPAL, TEST_ACTOR);
    // A client that allows the password grant: the same login code path as the login page.
    const kc = await identityAdmin();
    await kc.clients.create({ realm: acme.key, clientId: "audit-test", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    const login = (username: string, password: string) =>
      fetch(`${issuerFor(acme.key)}/protocol/openid-connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "password", client_id: "audit-test", username, password, scope: "openid" }),
      });
    expect((await login("lena", "wrong-password")).status).toBe(400);
    expect((await login("=HYPERLINK(1)", "nope")).status).toBe(400);
    expect((await login("lena", "lena-password-1")).status).toBe(200);

    expect(await importLoginEvents(acme)).toBe(3);
    expect(await importLoginEvents(acme)).toBe(0);
    await Promise.all([importLoginEvents(acme), importLoginEvents(acme)]);
    const failed = await tenantDb(acme).auditEvent.findMany({ where: { action: "login.failed" }, orderBy: { occurredAt: "asc" } });
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({
      actor: `${acme.key}/lena`,
      resourceId: "lena",
      ip: expect.stringMatching(/127\.0\.0\.1/),
      after: { error: "invalid_user_credentials", clientId: "audit-test" },
    });
    // An unknown name is reported as typed (Keycloak does so; so does the embedded server).
    expect(failed[1]).toMatchObject({ resourceId: "=HYPERLINK(1)", after: { error: "user_not_found" } });
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "login.succeeded", resourceId: "lena" } })).toBe(1);
    // Another tenant's realm's logins stay out of this tenant's trail.
    expect(await importLoginEvents(globex)).toBe(0);
  });

  it("signing out records the end of the session with the user's address", async () => {
    const cookie = await sessionCookie(acme, "asha", ["tenant-admin"]);
    const request = new NextRequest(`http://${hostOf(acme)}/api/logout`, {
      method: "POST",
      headers: { host: hostOf(acme), cookie, "x-forwarded-for": "192.0.2.9", "user-agent": "Mozilla/5.0 logout" },
    });
    expect((await logout(request)).status).toBe(303);
    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "session.ended" } });
    expect(event).toMatchObject({ actor: `${acme.key}/asha`, resourceId: "asha", ip: "192.0.2.9", userAgent: "Mozilla/5.0 logout" });
  });
});

describe("recorded for the console and by the periodic import", () => {
  it("signing out of the console records it in the platform trail", async () => {
    const cookie = await sessionCookie(root, "superadmin", ["superadmin"]);
    const request = new NextRequest(`http://${CONSOLE}/api/logout`, {
      method: "POST",
      headers: { host: CONSOLE, cookie, "x-forwarded-for": "192.0.2.10", "user-agent": "console-browser" },
    });
    expect((await logout(request)).status).toBe(303);
    const event = await controlDb().platformAuditEvent.findFirstOrThrow({ where: { action: "session.ended", tenantId: root.id } });
    expect(event).toMatchObject({ actor: `${root.key}/superadmin`, resourceType: "user", resourceId: "superadmin", ip: "192.0.2.10", userAgent: "console-browser" });
  });

  it("the sweep imports every active tenant's new login events, each once", async () => {
    const kc = await identityAdmin();
    await kc.clients.create({ realm: globex.key, clientId: "sweep-test", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    const response = await fetch(`${issuerFor(globex.key)}/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", client_id: "sweep-test", username: "intruder", password: "x" }),
    });
    expect(response.status).toBe(400);
    expect(await importAllLoginEvents()).toBeGreaterThanOrEqual(1);
    expect(await tenantDb(globex).auditEvent.count({ where: { action: "login.failed", resourceId: "intruder" } })).toBe(1);
    await importAllLoginEvents();
    expect(await tenantDb(globex).auditEvent.count({ where: { action: "login.failed", resourceId: "intruder" } })).toBe(1);
  });
});

describe("the viewer's query", () => {
  const source = (): AuditSource => ({ kind: "tenant", tenant: globex });

  beforeAll(async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
    await tenantDb(globex).$transaction(async (tx) => {
      // Twelve events in one transaction share occurred_at, so their order rests on ids 9, 10, 11…
      for (let i = 0; i < 12; i++) {
        await recordTenantEvent(
          tx,
          { actor: i % 2 ? "globex/ann" : "globex/bob", ip: null, userAgent: null },
          { action: i < 5 ? "org_unit.updated" : "user.updated", resourceType: i < 5 ? "org_unit" : "user", resourceId: `r${i % 3}` },
        );
      }
    });
    // Spread them over time (the trigger refuses UPDATE, so insert with explicit times instead).
    await tenantDb(globex).auditEvent.createMany({
      data: [1, 2, 3].map((m) => ({ actor: "globex/carl", action: "settings.updated", resourceType: "settings", resourceId: "branding", occurredAt: at(m) })),
    });
  });

  it("pages newest first with a cursor, never repeating or skipping an event", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listAuditEvents(source(), filter({ limit: 2, ...(after ? { after } : {}) }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      after = page.next ?? undefined;
    } while (after);
    const all = await tenantDb(globex).auditEvent.findMany({ orderBy: [{ occurredAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((e) => String(e.id)));
  });

  it("filters by actor, action, resource and time range", async () => {
    const ids = async (raw: Record<string, string>) => (await listAuditEvents(source(), filter(raw))).items;
    expect((await ids({ actor: "globex/ann" })).every((e) => e.actor === "globex/ann")).toBe(true);
    expect(await ids({ actor: "globex/ann" })).toHaveLength(6);
    expect(await ids({ action: "user.updated" })).toHaveLength(7);
    expect(await ids({ resourceType: "org_unit", resourceId: "r1" })).toHaveLength(2);
    const range = await ids({ from: "2026-01-01T12:02", to: "2026-01-01T12:03" });
    expect(range.map((e) => e.occurredAt.toISOString())).toEqual(["2026-01-01T12:03:00.000Z", "2026-01-01T12:02:00.000Z"]);
  });

  it("refuses a reversed range or a forged cursor with a message for the field", () => {
    expect(auditFilterSchema.safeParse({ from: "2026-01-02T00:00", to: "2026-01-01T00:00" }).error?.issues[0]?.path).toEqual(["to"]);
    expect(auditFilterSchema.safeParse({ after: "bm90IGEgY3Vyc29y" }).error?.issues[0]?.path).toEqual(["after"]);
    expect(auditFilterSchema.safeParse({ from: "yesterday" }).error?.issues[0]?.path).toEqual(["from"]);
  });
});

describe("who may read the trail", () => {
  const get = (host: string, t: ResolvedTenant, auth: { cookie?: string; key?: string }, handler = tenantAudit.GET) =>
    call(handler, { host, path: auditPath(t), params: { key: t.key }, ...auth });

  it("a tenant admin and an auditor read their own tenant's events; a member may not", async () => {
    const adminCookie = await sessionCookie(acme, "asha", ["tenant-admin"]);
    const listed = await get(hostOf(acme), acme, { cookie: adminCookie });
    expect(listed.status).toBe(200);
    expect((listed.body.items as { action: string }[]).some((e) => e.action === "user.created")).toBe(true);
    expect((await get(hostOf(acme), acme, { cookie: await sessionCookie(acme, "ravi", ["auditor"]) })).status).toBe(200);
    expect(await get(hostOf(acme), acme, { cookie: await sessionCookie(acme, "mia", ["member"]) })).toMatchObject({ status: 403, body: { code: "forbidden" } });
  });

  it("another tenant's admin cannot read them, by key, session or path", async () => {
    expect((await get(hostOf(acme), acme, { key: globexKey })).status).toBe(401);
    expect((await get(hostOf(globex), acme, { key: globexKey })).body).toMatchObject({ code: "forbidden" });
    expect((await get(hostOf(acme), acme, { cookie: await sessionCookie(globex, "boss", ["tenant-admin"]) })).status).toBe(401);
  });

  it("a superadmin reads any tenant's events and the platform's on the console; a tenant admin cannot", async () => {
    const superCookie = await sessionCookie(root, "superadmin", ["superadmin"]);
    expect((await get(CONSOLE, acme, { cookie: superCookie }, consoleTenantAudit.GET)).status).toBe(200);
    const platform = await call(platformAudit.GET, { host: CONSOLE, path: `/api/v1/audit-events?resourceId=${acme.id}`, cookie: superCookie });
    expect(platform.status).toBe(200);
    expect((platform.body.items as { action: string }[]).map((e) => e.action)).toContain("tenant.activated");
    const acmeAdmin = await call(platformAudit.GET, { host: hostOf(acme), path: "/api/v1/audit-events", cookie: await sessionCookie(acme, "asha", ["tenant-admin"]) });
    expect(acmeAdmin.status).toBe(404);
  });

  it("exports the filtered events as CSV, with formula-like cells neutralised, to readers only", async () => {
    const cookie = await sessionCookie(acme, "asha", ["tenant-admin"]);
    const csv = await rawGet(tenantAudit.GET, hostOf(acme), auditPath(acme, "?format=csv&action=login.failed"), { key: acme.key }, { cookie });
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("id,occurred_at,actor,action,resource_type,resource_id,tenant_id,ip,user_agent,before,after");
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes(",login.failed,user,") && l.includes(`,${acme.id},`))).toBe(true);
    expect(csv.text).toContain(",'=HYPERLINK(1),");
    const member = await rawGet(tenantAudit.GET, hostOf(acme), auditPath(acme, "?format=csv"), { key: acme.key }, { cookie: await sessionCookie(acme, "mia", ["member"]) });
    expect(member.status).toBe(403);
    expect(member.text).not.toContain("login.failed");
  });
});
