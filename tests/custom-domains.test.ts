// Custom domains against a real DNS server on loopback (dns2), the real control database, the real
// identity server (the realm's app client) and the real route handlers and server actions.
import { vi } from "vitest";

const DNS_PORT = Number(process.env.GATEHOUSE_TEST_DNS_PORT ?? 5350);
vi.hoisted(() => {
  process.env.GATEHOUSE_DNS_SERVERS = `127.0.0.1:${process.env.GATEHOUSE_TEST_DNS_PORT ?? 5350}`;
});
// The guard package refuses any import outside a React server build; the actions are server code.
vi.mock("server-only", () => ({}));

import { asRequest } from "@/tests/support/server-action";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { identityAdmin } from "@/lib/identity/admin";
import { APP_CLIENT_ID } from "@/lib/identity/clients";
import { resolveHost } from "@/lib/tenancy/resolve";
import { addDomain, listDomains, MAX_DOMAINS_PER_TENANT, removeDomain, verifyDomain } from "@/lib/domains/service";
import { releaseTenantKey } from "@/lib/provisioning/purge-steps";
import { changeTenantLifecycle } from "@/lib/tenants/lifecycle";
import { logger } from "@/lib/log/logger";
import { runDueDomainChecks } from "@/lib/domains/verification-job";
import { nextCheckAt } from "@/lib/domains/schedule";
import { checkCustomDomain } from "@/lib/domains/hostname";
import { addDomainAction, removeDomainAction } from "@/lib/edge/actions/domains";
import { initialFormState } from "@/lib/forms/form-state";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie, type Handler } from "@/tests/support/api";
import { startTestDnsServer, type TestDnsServer } from "@/tests/support/dns-server";
import { holdIdentityWrites, holdsUnavailable, openTransactions } from "@/tests/support/slow-identity";
import { databaseNameOf } from "@/lib/db/urls";
import * as domainsRoute from "@/app/workspace/api/v1/tenants/[key]/domains/route";
import * as domainRoute from "@/app/workspace/api/v1/tenants/[key]/domains/[hostname]/route";
import * as verifyRoute from "@/app/workspace/api/v1/tenants/[key]/domains/[hostname]/verify/route";
import * as consoleDomainsRoute from "@/app/console/api/v1/tenants/[key]/domains/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let root: ResolvedTenant;
let dns: TestDnsServer;
let n = 0;
const uniqueDomain = (label: string) => `${label}-${Date.now().toString(36)}${++n}.acme-corp.test`;
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;

async function redirectUris(tenant: ResolvedTenant): Promise<{ redirectUris: string[]; postLogout: string }> {
  const [client] = await (await identityAdmin()).clients.find({ realm: tenant.key, clientId: APP_CLIENT_ID });
  return { redirectUris: client?.redirectUris ?? [], postLogout: String(client?.attributes?.["post.logout.redirect.uris"] ?? "") };
}

const domainRow = (hostname: string) => controlDb().tenantDomain.findUnique({ where: { hostname } });
const platformEvents = (hostname: string) => controlDb().platformAuditEvent.findMany({ where: { resourceType: "tenant_domain", resourceId: hostname }, orderBy: { id: "asc" } });

beforeAll(async () => {
  dns = await startTestDnsServer(DNS_PORT);
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  root = await rootTenant();
}, 120_000);

afterAll(async () => {
  await dns?.close();
  await closeTestResources(controller);
});

describe("hostname rules", () => {
  it("accepts a real DNS name, lower-cased, and refuses IPs, ports, URLs and the platform's own names", () => {
    expect(checkCustomDomain("  Login.Acme-Corp.COM ", "localhost")).toEqual({ ok: true, hostname: "login.acme-corp.com" });
    expect(checkCustomDomain("bücher.example", "localhost")).toEqual({ ok: true, hostname: "xn--bcher-kva.example" });
    const refused: [string, RegExp][] = [
      ["", /Enter a domain/],
      ["https://login.acme.com", /without https/],
      ["login.acme.com/path", /without https/],
      ["login.acme.com:8443", /port/],
      ["10.0.0.1", /not an IP/],
      ["[::1]", /not an IP/],
      ["intranet", /fully qualified/],
      ["acme corp.com", /not a valid/],
      ["a..b.com", /not a valid/],
      ["example.com", /belongs to the platform/],
      ["acme.example.com", /belongs to the platform/],
      ["x.console.example.com", /belongs to the platform/],
    ];
    for (const [raw, message] of refused) {
      const check = checkCustomDomain(raw, "example.com");
      expect(check.ok, raw).toBe(false);
      if (!check.ok) expect(check.message, raw).toMatch(message);
    }
  });

  it("checks every minute for the first hour, then hourly, and gives up after 72 hours", () => {
    const added = new Date("2026-01-01T00:00:00Z");
    const at = (ms: number) => new Date(added.getTime() + ms);
    expect(nextCheckAt(added, added)).toEqual(at(60_000));
    expect(nextCheckAt(added, at(59 * 60_000))).toEqual(at(60 * 60_000));
    expect(nextCheckAt(added, at(61 * 60_000))).toEqual(at(121 * 60_000));
    expect(nextCheckAt(added, at(71.5 * 3_600_000))).toEqual(at(72 * 3_600_000));
    expect(nextCheckAt(added, at(72 * 3_600_000))).toBeNull();
  });
});

describe("custom domains", () => {
  it("adds a domain as pending, with the CNAME and TXT records to create, and does not route it", async () => {
    const hostname = uniqueDomain("login");
    const domain = await addDomain(acme, hostname.toUpperCase(), TEST_ACTOR);
    expect(domain).toMatchObject({ hostname, status: "pending", verifiedAt: null, lastCheckedAt: null, createdBy: "test" });
    expect(domain.nextCheckAt!.getTime() - domain.createdAt.getTime()).toBeCloseTo(60_000, -3);
    const token = (await domainRow(hostname))!.verificationToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(domain.records).toEqual([
      expect.objectContaining({ type: "CNAME", name: hostname, value: "localhost" }),
      expect.objectContaining({ type: "TXT", name: `_gatehouse.${hostname}`, value: token }),
    ]);
    expect((await listDomains(acme)).map((d) => d.hostname)).toContain(hostname);
    expect(await resolveHost(`${hostname}:3000`)).toMatchObject({ found: false, reason: "unknown" });
    expect((await platformEvents(hostname)).map((e) => [e.action, e.tenantId, e.actor])).toEqual([["tenant_domain.added", acme.id, "test"]]);
    // Each domain has its own token.
    const other = await addDomain(acme, uniqueDomain("other"), TEST_ACTOR);
    expect(other.records[1]!.value).not.toBe(token);
  });

  it("stays pending with the error while the TXT record is missing or wrong", async () => {
    const hostname = uniqueDomain("wrong");
    await addDomain(acme, hostname, TEST_ACTOR);
    const missing = await verifyDomain(acme, hostname, TEST_ACTOR);
    expect(missing).toMatchObject({ status: "pending", checkAttempts: 1, lastError: `No TXT record found at _gatehouse.${hostname}.` });
    expect(missing.lastCheckedAt).toBeInstanceOf(Date);
    expect(missing.nextCheckAt!.getTime()).toBeGreaterThan(Date.now());

    dns.setTxt(`_gatehouse.${hostname}`, ["someone-elses-token"]);
    const wrong = await verifyDomain(acme, hostname, TEST_ACTOR);
    expect(wrong).toMatchObject({
      status: "pending",
      checkAttempts: 2,
      lastError: `The TXT record at _gatehouse.${hostname} holds “someone-elses-token”, not this domain's token.`,
    });
    expect(await resolveHost(hostname)).toMatchObject({ found: false });
    expect((await redirectUris(acme)).redirectUris.join(" ")).not.toContain(hostname);
  });

  it("verifies when the TXT record holds the token: routes the host to the tenant and registers its sign-in URIs", async () => {
    const hostname = uniqueDomain("login");
    const added = await addDomain(acme, hostname, TEST_ACTOR);
    expect(await resolveHost(hostname)).toMatchObject({ found: false }); // a cached miss, dropped on verification
    dns.setTxt(`_gatehouse.${hostname}`, ["v=unrelated", added.records[1]!.value]);
    const verified = await verifyDomain(acme, hostname, TEST_ACTOR);
    expect(verified).toMatchObject({ status: "verified", lastError: null, failingSince: null });
    // The first re-check comes a day later, ±10 %.
    expect(Math.abs(verified.nextCheckAt!.getTime() - verified.lastSuccessAt!.getTime() - 86_400_000)).toBeLessThanOrEqual(8_640_000);
    expect(await resolveHost(`${hostname}:3000`)).toMatchObject({ found: true, via: "custom", tenant: { id: acme.id } });
    const client = await redirectUris(acme);
    expect(client.redirectUris).toEqual(
      expect.arrayContaining([`http://${acme.key}.localhost:3000/api/auth/callback/keycloak`, `http://${hostname}:3000/api/auth/callback/keycloak`]),
    );
    expect(client.postLogout.split("##")).toContain(`http://${hostname}:3000/`);
    // Without GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE the realm's frontendUrl is left alone.
    expect((await (await identityAdmin()).realms.findOne({ realm: acme.key }))?.attributes?.frontendUrl).toBeUndefined();
    expect((await platformEvents(hostname)).map((e) => e.action)).toEqual(["tenant_domain.added", "tenant_domain.verified"]);

    // Re-provisioning the client keeps the domain.
    await controlDb().provisioningStep.update({ where: { tenantId_step: { tenantId: acme.id, step: "client.ensure" } }, data: { status: "pending" } });
    await controller.reconcile(acme.id);
    expect((await redirectUris(acme)).redirectUris).toContain(`http://${hostname}:3000/api/auth/callback/keycloak`);

    // Removing stops routing at once, though the host was cached as the tenant's a moment before.
    expect(await resolveHost(hostname)).toMatchObject({ found: true, tenant: { id: acme.id } });
    await removeDomain(acme, hostname, TEST_ACTOR);
    expect(await resolveHost(`${hostname}:3000`)).toMatchObject({ found: false, reason: "unknown" });
    expect(await domainRow(hostname)).toBeNull();
    expect((await redirectUris(acme)).redirectUris.join(" ")).not.toContain(hostname);
    expect((await platformEvents(hostname)).map((e) => e.action)).toEqual(["tenant_domain.added", "tenant_domain.verified", "tenant_domain.removed"]);
  });

  it("verifies in the background when a check is due", async () => {
    const hostname = uniqueDomain("bg");
    const added = await addDomain(acme, hostname, TEST_ACTOR);
    dns.setTxt(`_gatehouse.${hostname}`, [added.records[1]!.value]);
    await controlDb().tenantDomain.update({ where: { hostname }, data: { nextCheckAt: new Date(Date.now() - 1_000) } });
    expect(await runDueDomainChecks()).toBeGreaterThanOrEqual(1);
    expect((await domainRow(hostname))?.verifiedAt).toBeInstanceOf(Date);
    expect(await resolveHost(hostname)).toMatchObject({ found: true, tenant: { id: acme.id } });
    const [, verified] = await platformEvents(hostname);
    expect(verified).toMatchObject({ action: "tenant_domain.verified", actor: "system:provisioning-controller" });
  });

  it("refuses the platform's own domain and its subdomains, and writes nothing", async () => {
    for (const raw of ["localhost", `${globex.key}.localhost`, "console.localhost", "x.cloud.localhost", "127.0.0.1", "login.acme-corp.test:3000"]) {
      await expect(addDomain(acme, raw, TEST_ACTOR), raw).rejects.toMatchObject({ code: "validation_failed", fields: { hostname: expect.any(String) } });
    }
    expect(await controlDb().tenantDomain.count({ where: { OR: [{ hostname: "localhost" }, { hostname: { endsWith: ".localhost" } }] } })).toBe(0);
  });

  it("refuses a domain another tenant claimed with `conflict`, verified or not", async () => {
    const hostname = uniqueDomain("taken");
    const added = await addDomain(globex, hostname, TEST_ACTOR);
    await expect(addDomain(acme, hostname, TEST_ACTOR)).rejects.toMatchObject({ code: "conflict", message: `“${hostname}” is already claimed by another workspace.` });
    await expect(addDomain(globex, hostname, TEST_ACTOR)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already one of this workspace's domains") });
    dns.setTxt(`_gatehouse.${hostname}`, [added.records[1]!.value]);
    await verifyDomain(globex, hostname, TEST_ACTOR);
    await expect(addDomain(acme, hostname, TEST_ACTOR)).rejects.toMatchObject({ code: "conflict" });
    // Another tenant's domain is not found, for verifying and removing alike.
    await expect(verifyDomain(acme, hostname, TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
    await expect(removeDomain(acme, hostname, TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
    expect((await domainRow(hostname))?.tenantId).toBe(globex.id);
    expect(await resolveHost(hostname)).toMatchObject({ found: true, tenant: { id: globex.id } });
  });

  it("lets exactly one of several concurrent claims of a domain win", async () => {
    const hostname = uniqueDomain("race");
    const claims = await Promise.allSettled([acme, globex, acme, globex, acme, globex].map((t) => addDomain(t, hostname, TEST_ACTOR)));
    expect(claims.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    for (const claim of claims.filter((c) => c.status === "rejected")) expect((claim as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(await controlDb().tenantDomain.count({ where: { hostname } })).toBe(1);
    expect((await platformEvents(hostname)).map((e) => e.action)).toEqual(["tenant_domain.added"]);
  });

  it("keeps every domain's URIs when two domains of a tenant verify at once", async () => {
    const [a, b] = [uniqueDomain("pair-a"), uniqueDomain("pair-b")];
    for (const hostname of [a, b]) dns.setTxt(`_gatehouse.${hostname}`, [(await addDomain(acme, hostname, TEST_ACTOR)).records[1]!.value]);
    await Promise.all([verifyDomain(acme, a, TEST_ACTOR), verifyDomain(acme, b, TEST_ACTOR)]);
    const uris = (await redirectUris(acme)).redirectUris;
    expect(uris).toEqual(expect.arrayContaining([a, b].map((h) => `http://${h}:3000/api/auth/callback/keycloak`)));
  });

  it.skipIf(holdsUnavailable)("holds no transaction open while the app client is written, and leaves no domain removed meanwhile in it", async () => {
    const hostname = uniqueDomain("slow");
    dns.setTxt(`_gatehouse.${hostname}`, [(await addDomain(acme, hostname, TEST_ACTOR)).records[1]!.value]);
    // The identity server's update of the app client waits (its database is busy), as Keycloak's can for seconds.
    const hold = await holdIdentityWrites("SELECT 1 FROM clients WHERE realm = $1 AND client_id = $2 FOR UPDATE", [acme.key, APP_CLIENT_ID]);
    try {
      const verifying = verifyDomain(acme, hostname, TEST_ACTOR);
      verifying.catch(() => {});
      await hold.blocked();
      expect(await openTransactions(databaseNameOf(process.env.DATABASE_URL!))).toBe(0);
      // Not verified (nor routed) before the identity server has the client; removable meanwhile.
      expect((await domainRow(hostname))?.verifiedAt).toBeNull();
      await removeDomain(acme, hostname, TEST_ACTOR);
      await hold.release();
      await expect(verifying).rejects.toMatchObject({ code: "not_found" });
    } finally {
      await hold.release();
    }
    expect(await domainRow(hostname)).toBeNull();
    expect((await redirectUris(acme)).redirectUris.join(" ")).not.toContain(hostname);
    expect((await platformEvents(hostname)).map((e) => e.action)).toEqual(["tenant_domain.added", "tenant_domain.removed"]);
  });
});

describe("limits and purge", () => {
  it("holds a tenant to its domain limit, also when additions race", async () => {
    const existing = await controlDb().tenantDomain.count({ where: { tenantId: globex.id } });
    const room = MAX_DOMAINS_PER_TENANT - existing;
    const results = await Promise.allSettled(Array.from({ length: room + 3 }, (_, i) => addDomain(globex, uniqueDomain(`quota${i}`), TEST_ACTOR)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(room);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "quota_exceeded" });
    expect(await controlDb().tenantDomain.count({ where: { tenantId: globex.id } })).toBe(MAX_DOMAINS_PER_TENANT);
  });

  it("releases a purged tenant's domains, so that another tenant may claim them", async () => {
    const doomed = await provisionedTenant(controller);
    const hostname = uniqueDomain("purged");
    dns.setTxt(`_gatehouse.${hostname}`, [(await addDomain(doomed, hostname, TEST_ACTOR)).records[1]!.value]);
    await verifyDomain(doomed, hostname, TEST_ACTOR);
    for (const action of ["suspend", "archive", "delete"] as const) await changeTenantLifecycle(doomed.id, { action, reason: "test" }, TEST_ACTOR);
    await releaseTenantKey({ tenant: doomed, log: logger() });
    expect(await domainRow(hostname)).toBeNull();
    expect(await resolveHost(hostname)).toMatchObject({ found: false });
    expect((await platformEvents(hostname)).map((e) => [e.action, e.actor])).toEqual([
      ["tenant_domain.added", "test"],
      ["tenant_domain.verified", "test"],
      ["tenant_domain.removed", "system:provisioning-controller"],
    ]);
    expect(await addDomain(acme, hostname, TEST_ACTOR)).toMatchObject({ hostname, status: "pending" });
  });
});

describe("who may manage domains", () => {
  const roles = async () => ({
    "tenant-admin": { host: hostOf(acme), cookie: await sessionCookie(acme, "ada", ["tenant-admin"]) },
    superadmin: { host: "console.localhost:3000", cookie: await sessionCookie(root, "superadmin", ["superadmin"]) },
    member: { host: hostOf(acme), cookie: await sessionCookie(acme, "mo", ["member"]) },
    auditor: { host: hostOf(acme), cookie: await sessionCookie(acme, "audrey", ["auditor"]) },
    "other-tenant-admin": { host: hostOf(acme), cookie: await sessionCookie(globex, "gina", ["tenant-admin"]) },
    "other-tenant-admin-own-host": { host: hostOf(globex), cookie: await sessionCookie(globex, "gina", ["tenant-admin"]) },
    anonymous: { host: hostOf(acme) },
  });

  it("over REST: the tenant admin and the superadmin manage; member, auditor, another tenant and anonymous are refused and change nothing", async () => {
    const who = await roles();
    const path = `/api/v1/tenants/${acme.key}/domains`;
    const refused: [keyof typeof who, number, string][] = [
      ["member", 403, "forbidden"],
      ["auditor", 403, "forbidden"],
      ["other-tenant-admin", 401, "unauthorized"],
      ["other-tenant-admin-own-host", 403, "forbidden"],
      ["anonymous", 401, "unauthorized"],
    ];
    const victim = uniqueDomain("victim");
    await addDomain(acme, victim, TEST_ACTOR);
    for (const [role, status, code] of refused) {
      const hostname = uniqueDomain(role);
      const c = who[role];
      const list = await call(domainsRoute.GET as Handler, { ...c, path, params: { key: acme.key } });
      expect([role, list.status, list.body.code]).toEqual([role, status, code]);
      const add = await call(domainsRoute.POST as Handler, { ...c, path, method: "POST", params: { key: acme.key }, body: { hostname }, headers: { origin: `http://${c.host}` } });
      expect([role, add.status, add.body.code]).toEqual([role, status, code]);
      const del = await call(domainRoute.DELETE as Handler, {
        ...c,
        path: `${path}/${victim}`,
        method: "DELETE",
        params: { key: acme.key, hostname: victim },
        headers: { origin: `http://${c.host}` },
      });
      expect([role, del.status]).toEqual([role, status]);
      expect(await domainRow(hostname)).toBeNull();
    }
    expect(await domainRow(victim)).not.toBeNull();

    // The tenant admin on its host: add, list, verify, remove.
    const admin = who["tenant-admin"];
    const hostname = uniqueDomain("rest");
    const added = await call(domainsRoute.POST as Handler, {
      ...admin,
      path,
      method: "POST",
      params: { key: acme.key },
      body: { hostname },
      headers: { origin: `http://${admin.host}` },
    });
    expect(added).toMatchObject({ status: 201, body: { hostname, status: "pending", records: [{ type: "CNAME" }, { type: "TXT", name: `_gatehouse.${hostname}` }] } });
    const invalid = await call(domainsRoute.POST as Handler, {
      ...admin,
      path,
      method: "POST",
      params: { key: acme.key },
      body: { hostname: "acme.localhost" },
      headers: { origin: `http://${admin.host}` },
    });
    expect(invalid).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { hostname: expect.stringContaining("belongs to the platform") } } });
    dns.setTxt(`_gatehouse.${hostname}`, [String((added.body.records as { value: string }[])[1]!.value)]);
    const verified = await call(verifyRoute.POST as Handler, {
      ...admin,
      path: `${path}/${hostname}/verify`,
      method: "POST",
      params: { key: acme.key, hostname },
      headers: { origin: `http://${admin.host}` },
    });
    expect(verified).toMatchObject({ status: 200, body: { hostname, status: "verified" } });
    const listed = await call(domainsRoute.GET as Handler, { ...admin, path, params: { key: acme.key } });
    expect((listed.body.items as { hostname: string }[]).map((d) => d.hostname)).toContain(hostname);
    const removed = await call(domainRoute.DELETE as Handler, {
      ...admin,
      path: `${path}/${hostname}`,
      method: "DELETE",
      params: { key: acme.key, hostname },
      headers: { origin: `http://${admin.host}` },
    });
    expect(removed.status).toBe(204);
    expect(await resolveHost(hostname)).toMatchObject({ found: false });

    // The superadmin from the console, for any customer tenant.
    const sa = who.superadmin;
    const byConsole = await call(consoleDomainsRoute.POST as Handler, {
      ...sa,
      path,
      method: "POST",
      params: { key: acme.key },
      body: { hostname: uniqueDomain("console") },
      headers: { origin: `http://${sa.host}` },
    });
    expect(byConsole).toMatchObject({ status: 201, body: { status: "pending", createdBy: "root/superadmin" } });
  });

  it("from the pages' server actions: the target is re-checked, and a member is refused", async () => {
    const who = await roles();
    const form = (hostname: string) => {
      const data = new FormData();
      data.set("hostname", hostname);
      return data;
    };
    const mine = uniqueDomain("action");
    expect(await asRequest(who["tenant-admin"], () => addDomainAction(null, initialFormState, form(mine)))).toMatchObject({ ok: true });
    expect(await asRequest(who["tenant-admin"], () => addDomainAction(null, initialFormState, form("10.1.2.3")))).toMatchObject({
      ok: false,
      code: "validation_failed",
      fieldErrors: { hostname: expect.stringContaining("IP") },
    });

    const refusedName = uniqueDomain("refused");
    expect(await asRequest(who.member, () => addDomainAction(null, initialFormState, form(refusedName)))).toMatchObject({ ok: false, code: "forbidden" });
    // A tenant admin naming another tenant as the target from its own host.
    expect(await asRequest(who["other-tenant-admin-own-host"], () => addDomainAction(acme.key, initialFormState, form(refusedName)))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await asRequest(who["other-tenant-admin-own-host"], () => removeDomainAction(acme.key, mine, initialFormState))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await domainRow(refusedName)).toBeNull();
    expect(await domainRow(mine)).not.toBeNull();

    // The superadmin on the console names the tenant explicitly.
    expect(await asRequest(who.superadmin, () => removeDomainAction(acme.key, mine, initialFormState))).toMatchObject({ ok: true });
    expect(await domainRow(mine)).toBeNull();
  });
});
