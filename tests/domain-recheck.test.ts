// Re-checks of verified custom domains and the realm's frontendUrl, against a real DNS server on
// loopback (dns2), the real control database and the real identity server's admin API.
import { vi } from "vitest";

// Test files run one at a time (vitest.config.ts), so this shares custom-domains.test.ts's port.
const DNS_PORT = Number(process.env.GATEHOUSE_TEST_DNS_PORT ?? 5350);
vi.hoisted(() => {
  process.env.GATEHOUSE_DNS_SERVERS = `127.0.0.1:${process.env.GATEHOUSE_TEST_DNS_PORT ?? 5350}`;
  process.env.GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE = "https://{domain}/auth";
});
vi.mock("server-only", () => ({}));

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { identityAdmin } from "@/lib/identity/admin";
import { APP_CLIENT_ID } from "@/lib/identity/clients";
import { resolveHost } from "@/lib/tenancy/resolve";
import { addDomain, listDomains, removeDomain, verifyDomain } from "@/lib/domains/service";
import { runDueDomainChecks } from "@/lib/domains/verification-job";
import { graceExhausted, nextRecheckAt, type RecheckPolicy } from "@/lib/domains/schedule";
import { realmFrontendUrl } from "@/lib/domains/frontend-url";
import { recheckPolicy } from "@/lib/domains/recheck";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { startTestDnsServer, type TestDnsServer } from "@/tests/support/dns-server";

const HOUR = 3_600_000;
const controller = new ProvisioningController();
let acme: ResolvedTenant;
let dns: TestDnsServer;
let n = 0;
const uniqueDomain = (label: string) => `${label}-${Date.now().toString(36)}${++n}.recheck.test`;
const domainRow = (hostname: string) => controlDb().tenantDomain.findUniqueOrThrow({ where: { hostname } });
const events = async (hostname: string) =>
  (await controlDb().platformAuditEvent.findMany({ where: { resourceType: "tenant_domain", resourceId: hostname }, orderBy: { id: "asc" } })).map((e) => [e.action, e.actor]);
const callbackOf = (hostname: string) => `http://${hostname}:3000/api/auth/callback/keycloak`;

async function redirectUris(tenant: ResolvedTenant): Promise<string[]> {
  const [client] = await (await identityAdmin()).clients.find({ realm: tenant.key, clientId: APP_CLIENT_ID });
  return client?.redirectUris ?? [];
}

async function frontendUrl(tenant: ResolvedTenant): Promise<string | undefined> {
  const realm = await (await identityAdmin()).realms.findOne({ realm: tenant.key });
  return realm?.attributes?.frontendUrl as string | undefined;
}

/** Adds the domain, publishes its TXT record and verifies it. */
async function verifiedDomain(tenant: ResolvedTenant, label: string): Promise<{ hostname: string; token: string }> {
  const hostname = uniqueDomain(label);
  const token = (await addDomain(tenant, hostname, TEST_ACTOR)).records[1]!.value;
  dns.setTxt(`_gatehouse.${hostname}`, [token]);
  expect(await verifyDomain(tenant, hostname, TEST_ACTOR)).toMatchObject({ status: "verified" });
  return { hostname, token };
}

/** Makes the domain's check due now and lets the background job run until it has been checked. */
async function backgroundCheck(hostname: string): Promise<void> {
  const before = await domainRow(hostname);
  await controlDb().tenantDomain.update({ where: { hostname }, data: { nextCheckAt: new Date(0) } });
  for (let round = 0; round < 20; round++) {
    await runDueDomainChecks();
    if ((await domainRow(hostname)).checkAttempts > before.checkAttempts) return;
  }
  throw new Error(`${hostname} was not checked`);
}

/** As if the record had been failing for longer than the grace period. */
const pastGrace = (hostname: string) => controlDb().tenantDomain.update({ where: { hostname }, data: { failingSince: new Date(Date.now() - recheckPolicy().graceMs - HOUR) } });

beforeAll(async () => {
  dns = await startTestDnsServer(DNS_PORT);
  acme = await provisionedTenant(controller);
}, 120_000);

afterAll(async () => {
  await dns?.close();
  await closeTestResources(controller);
});

describe("re-check policy", () => {
  const policy: RecheckPolicy = { intervalMs: 24 * HOUR, graceMs: 48 * HOUR, failuresBeforeUnverify: 3 };
  const now = new Date("2026-01-01T00:00:00Z");

  it("re-checks a healthy domain after the interval ±10 %, a failing one within the hour, none when off", () => {
    expect(nextRecheckAt(now, false, policy, () => 0)!.getTime() - now.getTime()).toBe(21.6 * HOUR);
    expect(nextRecheckAt(now, false, policy, () => 0.999_999)!.getTime() - now.getTime()).toBeCloseTo(26.4 * HOUR, -2);
    expect(nextRecheckAt(now, true, policy)!.getTime() - now.getTime()).toBe(HOUR);
    expect(nextRecheckAt(now, true, { ...policy, intervalMs: 10 * 60_000 })!.getTime() - now.getTime()).toBe(10 * 60_000);
    expect(nextRecheckAt(now, false, { ...policy, intervalMs: 0 })).toBeNull();
  });

  it("takes the verification only after the grace period and enough consecutive failures", () => {
    const since = (ms: number) => new Date(now.getTime() - ms);
    expect(graceExhausted(since(49 * HOUR), 3, now, policy)).toBe(true);
    expect(graceExhausted(since(47 * HOUR), 30, now, policy)).toBe(false);
    expect(graceExhausted(since(100 * HOUR), 2, now, policy)).toBe(false);
  });

  it("fills the public URL template with the primary domain, clears it without one, and leaves it alone unset", () => {
    expect(realmFrontendUrl("login.acme.com", "https://{domain}/auth/")).toBe("https://login.acme.com/auth");
    expect(realmFrontendUrl(null, "https://{domain}/auth")).toBeNull();
    expect(realmFrontendUrl("login.acme.com", undefined)).toBeUndefined();
  });
});

describe("re-checking verified domains", () => {
  it("keeps a domain whose TXT record was removed verified through the grace period, then stops routing it; restoring the record verifies it again", async () => {
    const { hostname, token } = await verifiedDomain(acme, "removed");
    expect(await resolveHost(`${hostname}:3000`)).toMatchObject({ found: true, tenant: { id: acme.id } });
    dns.setTxt(`_gatehouse.${hostname}`, null);

    // Within the grace period: still verified and routed, the failure on record.
    for (let check = 1; check <= 3; check++) await backgroundCheck(hostname);
    const failing = await domainRow(hostname);
    expect(failing).toMatchObject({ failedRechecks: 3, lastError: `No TXT record found at _gatehouse.${hostname}.` });
    expect(failing.verifiedAt).toBeInstanceOf(Date);
    expect(failing.failingSince).toBeInstanceOf(Date);
    expect(failing.nextCheckAt!.getTime() - failing.lastCheckedAt!.getTime()).toBeLessThanOrEqual(HOUR);
    expect(await resolveHost(hostname)).toMatchObject({ found: true, tenant: { id: acme.id } });

    // Past the grace period: unverified, no longer routed (though cached a moment ago), out of the client.
    await pastGrace(hostname);
    await backgroundCheck(hostname);
    const lost = await domainRow(hostname);
    expect(lost).toMatchObject({ verifiedAt: null, failedRechecks: 4 });
    expect(lost.unverifiedAt).toBeInstanceOf(Date);
    expect(lost.nextCheckAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await resolveHost(`${hostname}:3000`)).toMatchObject({ found: false, reason: "unknown" });
    expect(await redirectUris(acme)).not.toContain(callbackOf(hostname));
    expect(await events(hostname)).toEqual([
      ["tenant_domain.added", "test"],
      ["tenant_domain.verified", "test"],
      ["tenant_domain.unverified", "system:provisioning-controller"],
    ]);
    expect((await listDomains(acme)).find((d) => d.hostname === hostname)).toMatchObject({ status: "unverified", lastError: `No TXT record found at _gatehouse.${hostname}.` });

    // The record is back: the next automatic check verifies it again and it routes.
    dns.setTxt(`_gatehouse.${hostname}`, [token]);
    await backgroundCheck(hostname);
    expect(await domainRow(hostname)).toMatchObject({ unverifiedAt: null, failingSince: null, failedRechecks: 0, lastError: null });
    expect(await resolveHost(hostname)).toMatchObject({ found: true, tenant: { id: acme.id } });
    expect(await redirectUris(acme)).toContain(callbackOf(hostname));
    expect((await events(hostname)).at(-1)).toEqual(["tenant_domain.verified", "system:provisioning-controller"]);
    await removeDomain(acme, hostname, TEST_ACTOR);
  });

  it("never unverifies a domain on DNS failures (SERVFAIL), however long they last", async () => {
    const { hostname } = await verifiedDomain(acme, "servfail");
    dns.setServfail(`_gatehouse.${hostname}`, true);
    for (let check = 1; check <= 4; check++) {
      await backgroundCheck(hostname);
      await pastGrace(hostname);
    }
    const row = await domainRow(hostname);
    expect(row.verifiedAt).toBeInstanceOf(Date);
    expect(row).toMatchObject({ failedRechecks: 0, unverifiedAt: null, lastError: expect.stringContaining("ESERVFAIL") });
    expect(await resolveHost(`${hostname}:3000`)).toMatchObject({ found: true, tenant: { id: acme.id } });
    expect(await redirectUris(acme)).toContain(callbackOf(hostname));

    // DNS answers again: the failing streak ends and the next re-check is a day out.
    dns.setServfail(`_gatehouse.${hostname}`, false);
    await backgroundCheck(hostname);
    const healthy = await domainRow(hostname);
    expect(healthy).toMatchObject({ failingSince: null, lastError: null });
    expect(healthy.lastSuccessAt!.getTime()).toBeGreaterThan(row.lastCheckedAt!.getTime());
    expect(healthy.nextCheckAt!.getTime() - healthy.lastSuccessAt!.getTime()).toBeGreaterThan(20 * HOUR);
    expect((await events(hostname)).map(([action]) => action)).toEqual(["tenant_domain.added", "tenant_domain.verified"]);
    await removeDomain(acme, hostname, TEST_ACTOR);
  });

  it("lets an admin's “Check now” end a failing streak once the record is back", async () => {
    const { hostname, token } = await verifiedDomain(acme, "checknow");
    dns.setTxt(`_gatehouse.${hostname}`, ["v=someone-else"]);
    const failing = await verifyDomain(acme, hostname, TEST_ACTOR);
    expect(failing).toMatchObject({ status: "verified", failedRechecks: 1, lastError: expect.stringContaining("not this domain's token") });
    expect(failing.failingSince).toBeInstanceOf(Date);
    dns.setTxt(`_gatehouse.${hostname}`, [token]);
    expect(await verifyDomain(acme, hostname, TEST_ACTOR)).toMatchObject({ status: "verified", failingSince: null, failedRechecks: 0 });
    await removeDomain(acme, hostname, TEST_ACTOR);
  });
});

describe("realm frontendUrl (GATEHOUSE_IDENTITY_PUBLIC_URL_TEMPLATE)", () => {
  it("points the realm at the primary verified domain, follows it when it goes, and clears it when none is left", async () => {
    const tenant = await provisionedTenant(controller);
    expect(await frontendUrl(tenant)).toBe("");
    const first = await verifiedDomain(tenant, "primary");
    expect(await frontendUrl(tenant)).toBe(`https://${first.hostname}/auth`);
    const second = await verifiedDomain(tenant, "secondary");
    expect(await frontendUrl(tenant)).toBe(`https://${first.hostname}/auth`);

    // The primary one loses its verification: the realm moves to the other.
    dns.setTxt(`_gatehouse.${first.hostname}`, null);
    for (let check = 0; check < recheckPolicy().failuresBeforeUnverify; check++) {
      await backgroundCheck(first.hostname);
      await pastGrace(first.hostname);
    }
    expect((await domainRow(first.hostname)).verifiedAt).toBeNull();
    expect(await frontendUrl(tenant)).toBe(`https://${second.hostname}/auth`);

    await removeDomain(tenant, second.hostname, TEST_ACTOR);
    expect(await frontendUrl(tenant)).toBe("");
  });
});
