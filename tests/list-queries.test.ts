// The list pages' query layer (lib/users/list.ts, listCustomers, listTenants): substring search
// escaped for LIKE, filters, sorts and counted pages, against real databases.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { createCustomer, customerListSpec, listCustomers } from "@/lib/customers/service";
import { listTenants, tenantListSpec } from "@/lib/tenants/queries";
import { listUserRows, userListSpec } from "@/lib/users/list";
import { parseListQuery, type SearchParams } from "@/lib/pagination/page";
import { ProvisioningController } from "@/lib/provisioning/controller";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, TEST_ACTOR, uniqueKey } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let acme: ResolvedTenant;

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  const users = [
    { username: "sam_x", email: "sam@widgets.example", lastName: "Mehta", tenantRole: "auditor", provisioningState: "synced" },
    { username: "samyx", email: "samyx@widgets.example", lastName: "MEHTANI", tenantRole: "member", provisioningState: "failed", enabled: false },
    { username: "priya", email: "priya@acme.example", firstName: "Priya", tenantRole: "member", provisioningState: "pending" },
  ];
  for (const user of users) await tenantDb(acme).user.create({ data: user });
  const session = (username: string, createdAt: Date) => ({ id: randomUUID(), username, createdAt, expiresAt: new Date(createdAt.getTime() + 3_600_000) });
  await tenantDb(acme).appSession.createMany({
    data: [session("samyx", new Date("2026-01-01T00:00:00Z")), session("samyx", new Date("2026-03-01T00:00:00Z")), session("sam_x", new Date("2026-02-01T00:00:00Z"))],
  });
}, 120_000);

afterAll(() => closeTestResources(controller));

// The tenant's own break-glass admin is left out, so each expectation names only the users above.
const users = async (params: SearchParams) => (await listUserRows(acme, parseListQuery(params, userListSpec))).items.filter((u) => !u.isBreakGlass).map((u) => u.username);

describe("the users list", () => {
  it("finds any part of a username, email or name in any case, and `%` and `_` only as themselves", async () => {
    expect(await users({ q: "mehta" })).toEqual(["sam_x", "samyx"]);
    expect(await users({ q: "WIDGETS" })).toEqual(["sam_x", "samyx"]);
    expect(await users({ q: "iy" })).toEqual(["priya"]);
    expect(await users({ q: "m_x" })).toEqual(["sam_x"]);
    expect(await users({ q: "%" })).toEqual([]);
    expect(await users({ q: "_" })).toEqual(["sam_x"]);
  });

  it("filters by role, status and sync state, and ignores values it does not know", async () => {
    expect(await users({ role: "member" })).toEqual(expect.arrayContaining(["samyx", "priya"]));
    expect(await users({ role: "auditor", q: "sam" })).toEqual(["sam_x"]);
    expect(await users({ status: "disabled" })).toEqual(["samyx"]);
    expect(await users({ sync: "pending" })).toEqual(["priya"]);
    expect(await users({ sync: "synced", q: "sam" })).toEqual(["sam_x", "samyx"]); // `synced` is no filter value
  });

  it("sorts by last sign-in (never signed in last), creation and username either way", async () => {
    expect(await users({ q: "a", sort: "lastSignIn" })).toEqual(["samyx", "sam_x", "priya"]);
    expect(await users({ q: "a", sort: "lastSignIn", dir: "asc" })).toEqual(["sam_x", "samyx", "priya"]);
    expect(await users({ q: "a", sort: "username", dir: "desc" })).toEqual(["samyx", "sam_x", "priya"]);
    const rows = (await listUserRows(acme, parseListQuery({ q: "samyx" }, userListSpec))).items;
    expect(rows[0]).toMatchObject({ lastSignInAt: new Date("2026-03-01T00:00:00Z"), tenantRole: "member", provisioningState: "failed" });
  });

  it("counts the matches and knows a page past the end", async () => {
    const page = await listUserRows(acme, parseListQuery({ q: "sam", pageSize: "10", page: "1" }, userListSpec));
    expect(page).toMatchObject({ total: 2, pageCount: 1, pastEnd: false });
    expect(await listUserRows(acme, parseListQuery({ q: "sam", page: "9" }, userListSpec))).toMatchObject({ items: [], total: 2, pastEnd: true });
  });
});

describe("the customers and tenants lists", () => {
  const tag = randomBytes(3).toString("hex");
  let first: { tenantKey: string };

  beforeAll(async () => {
    first = businessCustomer({ displayName: `Zeta_100% ${tag}`, tenantKey: uniqueKey("zeta") }) as { tenantKey: string };
    await createCustomer(first as never, TEST_ACTOR);
    await createCustomer(businessCustomer({ displayName: `Zetax100x ${tag}`, tenantKey: uniqueKey("zeta") }), TEST_ACTOR);
  }, 60_000);

  const customers = async (params: SearchParams) => (await listCustomers(parseListQuery(params, customerListSpec))).items.map((c) => c.displayName);
  const tenants = async (params: SearchParams) => (await listTenants(parseListQuery(params, tenantListSpec))).items.map((t) => t.key);

  it("searches customers by any part of a name, with `%` and `_` taken literally", async () => {
    expect(await customers({ q: `zeta_100% ${tag}` })).toEqual([`Zeta_100% ${tag}`]);
    expect(await customers({ q: `100x ${tag}` })).toEqual([`Zetax100x ${tag}`]);
    expect(await customers({ q: tag, sort: "name", dir: "asc" })).toEqual([`Zeta_100% ${tag}`, `Zetax100x ${tag}`]);
    expect(await customers({ q: tag, sort: "name", dir: "desc" })).toEqual([`Zetax100x ${tag}`, `Zeta_100% ${tag}`]);
  });

  it("filters customers by KYC status, payment standing and tenancy", async () => {
    expect(await customers({ q: tag, kyc: "completed", payment: "current", tenancy: "dedicated" })).toHaveLength(2);
    expect(await customers({ q: tag, kyc: "pending" })).toEqual([]);
    expect(await customers({ q: tag, payment: "overdue" })).toEqual([]);
    expect(await customers({ q: tag, kyc: "approved" })).toHaveLength(2); // unknown: no filter
  });

  it("searches tenants by any part of the key, and filters them by status", async () => {
    const middle = first.tenantKey.slice(3);
    expect(await tenants({ q: middle.toUpperCase() })).toEqual([first.tenantKey]);
    expect(await tenants({ q: middle, status: "provisioning" })).toEqual([first.tenantKey]);
    expect(await tenants({ q: middle, status: "active" })).toEqual([]);
    expect((await listTenants(parseListQuery({ q: middle, page: "9" }, tenantListSpec))).pastEnd).toBe(true);
  });
});
