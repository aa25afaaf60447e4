// First: it prepares the globals Next's request stores need before anything loads them.
import { asRequest } from "@/tests/support/server-action";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The guard package refuses any import outside a React server build; the actions are server code.
vi.mock("server-only", () => ({}));
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { createCustomer } from "@/lib/customers/service";
import { createOrgUnit } from "@/lib/org-units/service";
import { addMembership } from "@/lib/memberships/service";
import { createTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import { cloudTenant } from "@/lib/organizations/cloud";
import { listOrganizationMembers, organizationOfCustomer } from "@/lib/organizations/queries";
import { listQuerySchema } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie, type Json } from "@/tests/support/api";
import { filtered, scimClient, type ScimCaller } from "@/tests/support/scim";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as orgUnits from "@/app/workspace/api/v1/tenants/[key]/org-units/route";
import * as members from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/route";
import * as customers from "@/app/console/api/v1/customers/route";
import * as tenants from "@/app/console/api/v1/tenants/route";
import * as tenantAudit from "@/app/workspace/api/v1/tenants/[key]/audit-events/route";
import * as platformAudit from "@/app/console/api/v1/audit-events/route";
import { getAuditEvent } from "@/lib/audit/query";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";
import * as orgUnit from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/route";
import * as apiKeys from "@/app/workspace/api/v1/tenants/[key]/api-keys/route";
import * as customer from "@/app/console/api/v1/customers/[id]/route";
import * as verification from "@/app/console/api/v1/customers/[id]/verification/route";
import * as consoleTenant from "@/app/console/api/v1/tenants/[key]/route";
import { createOrgUnitAction } from "@/lib/edge/actions/org-units";
import { changeVerificationAction, setCustomerAccessAction } from "@/lib/edge/actions/customers";
import { initialFormState } from "@/lib/forms/form-state";
import { ERROR_SCHEMA } from "@/tests/support/scim";
import * as tenantAccess from "@/app/console/api/v1/tenants/[key]/access/route";
import * as userAccess from "@/app/console/api/v1/tenants/[key]/users/[username]/access/route";
import * as customerAccess from "@/app/console/api/v1/customers/[id]/access/route";
import { openApiDocument } from "@/lib/api/openapi";
import { controlDb } from "@/lib/db/control";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import * as domain from "@/app/workspace/api/v1/tenants/[key]/domains/[hostname]/route";
import * as scimUsers from "@/app/workspace/scim/v2/Users/route";
import * as scimUser from "@/app/workspace/scim/v2/Users/[id]/route";
import * as openApiDocumentRoute from "@/app/workspace/api/v1/openapi.json/route";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createEdgeServer } from "@/lib/api/http-server";

// What a client gets for input the API must not take at face value: search text with LIKE's
// wildcards in it. Real route handlers, the tenant's real database, the embedded identity server.

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let root: ResolvedTenant;
let acmeKey: string;
let superadmin: string;
let scim: ScimCaller;
let ouId: string;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;
const CONSOLE = "console.localhost:3000";
const base = (t: ResolvedTenant) => `/api/v1/tenants/${t.key}`;
const items = (body: Json) => body.items as Json[];
const resources = (body: Json) => body.Resources as Json[];

async function addUser(tenant: ResolvedTenant, username: string, names: { firstName?: string; lastName?: string } = {}) {
  await createTenantUser(tenant, createUserSchema.parse({ username, passwordMode: "none", ...names }), admin, TEST_ACTOR);
}

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  root = await rootTenant();
  acmeKey = (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "bad input", scopes: PERMISSIONS }), TEST_ACTOR)).secret;
  scim = scimClient(acme, (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "bad input scim", scopes: ["scim"] }), TEST_ACTOR)).secret);
  superadmin = await sessionCookie(root, "superadmin", ["superadmin"]);
  // Look-alikes: each literal name has a twin that a wildcard (`_` one character, `%` any run) would also match.
  await addUser(acme, "sam_lee", { firstName: "Sam" });
  await addUser(acme, "samxlee", { firstName: "Samx" });
  await addUser(acme, "pct.user", { lastName: "Hundred" });
  const ou = await createOrgUnit(acme, { identifier: "ops_west", name: "100% Ops" }, TEST_ACTOR);
  await createOrgUnit(acme, { identifier: "opsxwest", name: "1000 Ops" }, TEST_ACTOR);
  ouId = ou.id;
  for (const username of ["sam_lee", "samxlee", "pct.user"]) await addMembership(acme, ouId, { username, role: "default" }, admin, TEST_ACTOR);
}, 180_000);

afterAll(() => closeTestResources(controller));

describe("search text is text, not a LIKE pattern", () => {
  const get = (handler: typeof users.GET, path: string, params: Record<string, string> = { key: acme.key }) => call(handler, { host: hostOf(acme), path, key: acmeKey, params });

  it("matches % and _ literally in the users list", async () => {
    const underscore = await get(users.GET, `${base(acme)}/users?q=${encodeURIComponent("sam_")}`);
    expect(underscore.status).toBe(200);
    expect(items(underscore.body).map((u) => u.username)).toEqual(["sam_lee"]);
    expect(items((await get(users.GET, `${base(acme)}/users?q=${encodeURIComponent("%")}`)).body)).toEqual([]);
  });

  it("matches % and _ literally in the org units list", async () => {
    const underscore = await get(orgUnits.GET, `${base(acme)}/org-units?q=${encodeURIComponent("ops_")}`);
    expect(underscore.status).toBe(200);
    expect(items(underscore.body).map((o) => o.identifier)).toEqual(["ops_west"]);
    const percent = await get(orgUnits.GET, `${base(acme)}/org-units?q=${encodeURIComponent("100%")}`);
    expect(items(percent.body).map((o) => o.identifier)).toEqual(["ops_west"]);
    // The search is a substring: `%` alone finds the one name holding a literal `%`, not every org unit.
    expect(items((await get(orgUnits.GET, `${base(acme)}/org-units?q=${encodeURIComponent("%")}`)).body).map((o) => o.identifier)).toEqual(["ops_west"]);
  });

  it("matches % and _ literally in an org unit's members", async () => {
    const path = (q: string) => `${base(acme)}/org-units/${ouId}/members?q=${encodeURIComponent(q)}`;
    const underscore = await get(members.GET, path("sam_"), { key: acme.key, id: ouId });
    expect(underscore.status).toBe(200);
    expect(items(underscore.body).map((m) => m.username)).toEqual(["sam_lee"]);
    expect((await get(members.GET, path("%"), { key: acme.key, id: ouId })).body).toMatchObject({ total: 0 });
    expect((await get(members.GET, path("_"), { key: acme.key, id: ouId })).body).toMatchObject({ total: 0 });
  });

  it("matches % and _ literally in SCIM co, sw and ew filters", async () => {
    const names = async (collection: string, filter: string, attribute = "userName") => {
      const response = await scim("GET", filtered(collection, filter));
      expect(response.status).toBe(200);
      return resources(response.body)
        .map((r) => r[attribute])
        .sort();
    };
    expect(await names("Users", 'userName sw "sam_"')).toEqual(["sam_lee"]);
    expect(await names("Users", 'userName ew "_lee"')).toEqual(["sam_lee"]);
    expect(await names("Users", 'userName co "m_l"')).toEqual(["sam_lee"]);
    expect(await names("Users", 'userName co "%"')).toEqual([]);
    expect(await names("Users", 'name.givenName co "_"')).toEqual([]);
    expect(await names("Groups", 'displayName co "0%"', "displayName")).toEqual(["100% Ops"]);
    expect(await names("Groups", 'displayName sw "%"', "displayName")).toEqual([]);
  });

  it("matches % and _ literally in the customers and tenants lists", async () => {
    await createCustomer(businessCustomer({ legalName: "Cent Per Cent Private Limited", displayName: "100% Cotton", tenantDisplayName: "100% Cotton Mills" }), TEST_ACTOR);
    const console = (handler: typeof customers.GET, path: string) => call(handler, { host: CONSOLE, path, cookie: superadmin });
    const listed = await console(customers.GET, `/api/v1/customers?q=${encodeURIComponent("%")}&pageSize=100`);
    expect(listed.status).toBe(200);
    expect(items(listed.body).length).toBeGreaterThan(0);
    for (const c of items(listed.body)) expect(`${String(c.legalName)} ${String(c.displayName)}`).toContain("%");
    const tenantList = await console(tenants.GET, `/api/v1/tenants?q=${encodeURIComponent("0%")}&pageSize=100`);
    expect(tenantList.status).toBe(200);
    expect(items(tenantList.body).length).toBeGreaterThan(0);
    for (const t of items(tenantList.body)) expect(String(t.displayName)).toContain("0%");
    // A key cannot hold "_"; its search must not read it as "any character".
    expect((await console(tenants.GET, `/api/v1/tenants?q=${encodeURIComponent("_")}`)).body).toMatchObject({ total: 0 });
  });

  it("matches % and _ literally in an organization's members", async () => {
    let cloud = (await cloudTenant())!;
    await controller.reconcile(cloud.id);
    cloud = (await cloudTenant())!;
    const { customerId } = await createCustomer(businessCustomer({ displayName: "Shared Literal", tenancy: "shared", verificationStatus: "pending" }), TEST_ACTOR);
    const organization = (await organizationOfCustomer(cloud, customerId))!;
    for (const username of ["ana_bel", "anaxbel"]) {
      await addUser(cloud, username);
      await tenantDb(cloud).organizationMember.create({ data: { organizationId: organization.id, username, role: "member" } });
    }
    const search = (q: string) => listOrganizationMembers(cloud, organization.id, listQuerySchema.parse({ q }));
    expect((await search("a_b")).items.map((m) => m.username)).toEqual(["ana_bel"]);
    expect((await search("%")).total).toBe(0);
  });
});

describe("audit cursors and time filters are parsed, not pattern-matched", () => {
  const cursor = (text: string) => Buffer.from(text).toString("base64url");
  const audit = (query: string) => call(tenantAudit.GET, { host: hostOf(acme), path: `${base(acme)}/audit-events?${query}`, key: acmeKey, params: { key: acme.key } });

  it("pages on with the cursor it handed out", async () => {
    const first = await audit("limit=1");
    expect(first.status).toBe(200);
    const next = String(first.body.next);
    const second = await audit(`limit=1&after=${next}`);
    expect(second.status).toBe(200);
    expect(items(second.body)[0]?.id).not.toBe(items(first.body)[0]?.id);
  });

  it.each([
    ["month 13", "2026-13-01 10:00:00.123456+00|5"],
    ["day 30 of February", "2026-02-30 10:00:00+00|5"],
    ["hour 24", "2026-01-01 24:00:00+00|5"],
    ["minute 60", "2026-01-01 10:60:00+00|5"],
    ["year 0000", "0000-01-01 10:00:00+00|5"],
    ["an offset of 99 hours", "2026-01-01 10:00:00+99|5"],
    ["an id past 2^63 - 1", "2026-01-01 10:00:00+00|9223372036854775808"],
    ["the largest 19-digit id", "2026-01-01 10:00:00+00|9999999999999999999"],
  ])("refuses a cursor with %s as validation_failed on `after`", async (_, text) => {
    const response = await audit(`after=${cursor(text)}`);
    expect(response).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { after: expect.any(String) } } });
  });

  it("still takes a cursor's edge values: a leap day, the largest bigint id, a minute offset", async () => {
    for (const text of ["2024-02-29 23:59:59.999999+00|9223372036854775807", "2026-01-01 10:00:00+05:30|1", "2026-01-01 10:00:00-09:30:15|1"]) {
      expect((await audit(`after=${cursor(text)}`)).status).toBe(200);
    }
  });

  it.each([
    ["from", "2026-13-01T00:00"],
    ["from", "2026-02-30T00:00"],
    ["from", "0000-01-01T00:00"],
    ["to", "-271821-04-20T00:00:00Z"],
    ["to", "+275760-09-13T00:00:00Z"],
    ["from", "2026-01-01T25:00"],
    ["to", "2026-01-01T10:00+24:00"],
    ["from", "1"],
  ])("refuses %s=%s as validation_failed naming the field", async (field, value) => {
    const response = await audit(`${field}=${encodeURIComponent(value)}`);
    expect(response).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { [field]: expect.any(String) } } });
  });

  it("takes the time forms it documents: datetime-local (UTC), ISO with Z or an offset, seconds and fractions", async () => {
    for (const query of [
      "from=2026-01-01T10:00",
      "from=2024-02-29T10:00:30.5Z",
      `to=${encodeURIComponent("2026-01-01T10:00:00+05:30")}`,
      "from=0001-01-01T00:00&to=9999-12-31T23:59:59.999Z",
    ]) {
      expect((await audit(query)).status).toBe(200);
    }
  });

  it("answers the platform trail the same way, and an event id past bigint as no event", async () => {
    const response = await call(platformAudit.GET, { host: CONSOLE, path: `/api/v1/audit-events?after=${cursor("2026-00-10 10:00:00+00|1")}`, cookie: superadmin });
    expect(response).toMatchObject({ status: 400, body: { fields: { after: expect.any(String) } } });
    expect(await getAuditEvent({ kind: "tenant", tenant: acme }, "9223372036854775808")).toBeNull();
    expect(await getAuditEvent({ kind: "platform" }, "99999999999999999999")).toBeNull();
  });
});

describe("NUL characters and unpaired surrogates are refused at every boundary", () => {
  const NUL = "a\u0000b";
  const LONE = "a\ud800b";
  const h = () => hostOf(acme);
  const refused = (field: string) => ({ status: 400, body: { code: "validation_failed", fields: { [field]: expect.stringMatching(/NUL|surrogate/) } } });

  it.each([
    ["firstName", { username: "text.one", firstName: LONE }],
    ["email", { username: "text.two", email: `x${NUL}@example.com` }],
    ["password", { username: "text.three", passwordMode: "set", password: `long-enough-${NUL}` }],
  ])("in a new user's %s", async (field, body) => {
    expect(await call(users.POST, { host: h(), path: `${base(acme)}/users`, method: "POST", key: acmeKey, params: { key: acme.key }, body })).toMatchObject(refused(field));
  });

  it("in a user's profile change", async () => {
    const patch = (body: Json) =>
      call(user.PATCH, { host: h(), path: `${base(acme)}/users/sam_lee`, method: "PATCH", key: acmeKey, params: { key: acme.key, username: "sam_lee" }, body });
    expect(await patch({ lastName: LONE })).toMatchObject(refused("lastName"));
  });

  it.each([
    ["name", { identifier: "text-a", name: NUL }],
    ["name", { identifier: "text-b", name: LONE }],
    ["description", { identifier: "text-c", name: "Fine", description: NUL }],
    ["metadata", { identifier: "text-d", name: "Fine", metadata: { team: NUL } }],
    ["metadata", { identifier: "text-e", name: "Fine", metadata: { team: LONE } }],
  ])("in a new org unit's %s, writing nothing", async (field, body) => {
    expect(await call(orgUnits.POST, { host: h(), path: `${base(acme)}/org-units`, method: "POST", key: acmeKey, params: { key: acme.key }, body })).toMatchObject(refused(field));
    expect(await tenantDb(acme).orgUnit.findUnique({ where: { identifier: body.identifier } })).toBeNull();
  });

  it("in an org unit's change and an API key's name", async () => {
    const patch = (body: Json) =>
      call(orgUnit.PATCH, { host: h(), path: `${base(acme)}/org-units/${ouId}`, method: "PATCH", key: acmeKey, params: { key: acme.key, id: ouId }, body });
    expect(await patch({ description: LONE })).toMatchObject(refused("description"));
    expect(await patch({ metadata: { [`k${NUL}`]: "v" } })).toMatchObject({ status: 400, body: { fields: { metadata: expect.any(String) } } });
    const key = await call(apiKeys.POST, {
      host: h(),
      path: `${base(acme)}/api-keys`,
      method: "POST",
      key: acmeKey,
      params: { key: acme.key },
      body: { name: NUL, scopes: ["user:list"] },
    });
    expect(key).toMatchObject(refused("name"));
  });

  it("in a customer's fields and a verification note or reference", async () => {
    const { customerId } = await createCustomer(businessCustomer({ tenancy: "shared" }), TEST_ACTOR);
    const patch = (body: Json) =>
      call(customer.PATCH, { host: CONSOLE, path: `/api/v1/customers/${customerId}`, method: "PATCH", cookie: superadmin, params: { id: customerId }, body });
    expect(await patch({ legalName: `Acme ${NUL} Limited` })).toMatchObject(refused("legalName"));
    expect(await patch({ verificationReferences: [LONE] })).toMatchObject(refused("verificationReferences"));
    const put = (body: Json) =>
      call(verification.PUT, { host: CONSOLE, path: `/api/v1/customers/${customerId}/verification`, method: "PUT", cookie: superadmin, params: { id: customerId }, body });
    expect(await put({ status: "partial", note: NUL })).toMatchObject(refused("note"));
    expect(await put({ status: "partial", references: ["fine", LONE] })).toMatchObject(refused("references"));
  });

  it.each([
    ["q", "users"],
    ["after", "users"],
    ["q", "org-units"],
    ["actor", "audit-events"],
    ["resourceId", "audit-events"],
  ])("in the query parameter %s of %s", async (param, collection) => {
    const handler = { users: users.GET, "org-units": orgUnits.GET, "audit-events": tenantAudit.GET }[collection]!;
    expect(await call(handler, { host: h(), path: `${base(acme)}/${collection}?${param}=a%00b`, key: acmeKey, params: { key: acme.key } })).toMatchObject(refused(param));
  });

  it("in the console's search and in a path parameter", async () => {
    expect(await call(customers.GET, { host: CONSOLE, path: "/api/v1/customers?q=%00", cookie: superadmin })).toMatchObject(refused("q"));
    expect(await call(tenants.GET, { host: CONSOLE, path: "/api/v1/tenants?q=x%00", cookie: superadmin })).toMatchObject(refused("q"));
    const byKey = await call(consoleTenant.GET, { host: CONSOLE, path: "/api/v1/tenants/a%00b", cookie: superadmin, params: { key: NUL } });
    expect(byKey).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { key: expect.any(String) } } });
  });

  it("in SCIM bodies, filters and paths, with SCIM's invalidValue", async () => {
    const invalid = {
      status: 400,
      body: { schemas: [ERROR_SCHEMA], status: "400", scimType: expect.stringMatching(/^invalid(Value|Filter)$/), detail: expect.stringMatching(/NUL|surrogate/) },
    };
    expect(await scim("POST", "/scim/v2/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "scim.text", name: { givenName: NUL } })).toMatchObject(
      invalid,
    );
    expect(await scim("POST", "/scim/v2/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "scim.text", externalId: LONE })).toMatchObject(invalid);
    expect(await scim("POST", "/scim/v2/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: LONE })).toMatchObject(invalid);
    expect(await scim("GET", filtered("Users", `userName eq "${NUL}"`))).toMatchObject(invalid);
    expect(await scim("GET", "/scim/v2/Groups?filter=displayName%20co%20%22a%00%22")).toMatchObject(invalid);
    expect(await scim("GET", `/scim/v2/Users?attributes=${encodeURIComponent(NUL)}`)).toMatchObject(invalid);
    // Filter values are JSON strings: an escaped NUL is a NUL, refused before the database.
    expect(await scim("GET", filtered("Users", 'userName eq "a\\u0000b"'))).toMatchObject(invalid);
    expect(await scim("GET", `/scim/v2/Users/${encodeURIComponent(NUL)}`)).toMatchObject(invalid);
  });

  it("in a form, with the message next to the field", async () => {
    const form = new FormData();
    form.set("identifier", "form-text");
    form.set("name", NUL);
    form.set("description", "");
    form.set("metadata", "");
    const state = await asRequest({ host: h(), cookie: await sessionCookie(acme, "admin", ["tenant-admin"]) }, () => createOrgUnitAction(null, initialFormState, form));
    expect(state).toMatchObject({ ok: false, code: "validation_failed", fieldErrors: { name: expect.stringMatching(/NUL/) } });
    expect(await tenantDb(acme).orgUnit.findUnique({ where: { identifier: "form-text" } })).toBeNull();
  });
});

describe("the API takes the types its OpenAPI document names, and refuses the rest", () => {
  const put = (handler: typeof tenantAccess.PUT, path: string, params: Record<string, string>, body: unknown) =>
    call(handler, { host: CONSOLE, path, method: "PUT", cookie: superadmin, params, body });
  const typed = (field: string) => ({ status: 400, body: { code: "validation_failed", fields: { [field]: expect.any(String) } } });

  it('a boolean is true or false, not the string "false"', async () => {
    const tenantPath = `/api/v1/tenants/${acme.key}/access`;
    expect(await put(tenantAccess.PUT, tenantPath, { key: acme.key }, { enabled: "false", reason: "unpaid" })).toMatchObject(typed("enabled"));
    expect(await put(tenantAccess.PUT, tenantPath, { key: acme.key }, { enabled: "true" })).toMatchObject(typed("enabled"));
    expect((await controlDb().tenant.findUniqueOrThrow({ where: { id: acme.id } })).accessDisabledAt).toBeNull();
    const userPath = `/api/v1/tenants/${acme.key}/users/sam_lee/access`;
    expect(await put(userAccess.PUT, userPath, { key: acme.key, username: "sam_lee" }, { enabled: "false" })).toMatchObject(typed("enabled"));
    expect(await put(userAccess.PUT, userPath, { key: acme.key, username: "sam_lee" }, { enabled: 0 })).toMatchObject(typed("enabled"));
    expect(await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "sam_lee" } })).toMatchObject({ enabled: true });
    const { customerId } = await createCustomer(businessCustomer({ tenancy: "shared" }), TEST_ACTOR);
    expect(await put(customerAccess.PUT, `/api/v1/customers/${customerId}/access`, { id: customerId }, { enabled: "false", reason: "unpaid" })).toMatchObject(typed("enabled"));
    // What the document says still works.
    expect(await put(userAccess.PUT, userPath, { key: acme.key, username: "sam_lee" }, { enabled: true })).toMatchObject({ status: 200, body: { enabled: true } });
  });

  it("a list is an array, not a string split into lines", async () => {
    const { customerId } = await createCustomer(businessCustomer({ tenancy: "shared" }), TEST_ACTOR);
    const patch = (body: Json) =>
      call(customer.PATCH, { host: CONSOLE, path: `/api/v1/customers/${customerId}`, method: "PATCH", cookie: superadmin, params: { id: customerId }, body });
    expect(await patch({ verificationReferences: "CKYC 1\nCKYC 2" })).toMatchObject(typed("verificationReferences"));
    expect(await patch({ verificationReferences: ["CKYC 1", "CKYC 2"] })).toMatchObject({ status: 200, body: { verificationReferences: ["CKYC 1", "CKYC 2"] } });
    const verify = (body: Json) =>
      call(verification.PUT, { host: CONSOLE, path: `/api/v1/customers/${customerId}/verification`, method: "PUT", cookie: superadmin, params: { id: customerId }, body });
    expect(await verify({ status: "partial", references: "x" })).toMatchObject(typed("references"));
    expect(await verify({ status: "partial", references: ["x"] })).toMatchObject({ status: 200, body: { status: "partial", references: ["x"] } });
    const { tenantKey: _, tenantDisplayName: __, ...fields } = businessCustomer() as Record<string, unknown>;
    const created = await call(customers.POST, {
      host: CONSOLE,
      path: "/api/v1/customers",
      method: "POST",
      cookie: superadmin,
      body: { ...fields, tenancy: "shared", verificationReferences: "CKYC 9" },
    });
    expect(created).toMatchObject(typed("verificationReferences"));
  });

  it("while the console's forms, which send text, keep their true/false and one reference per line", async () => {
    const { customerId } = await createCustomer(businessCustomer({ tenancy: "shared" }), TEST_ACTOR);
    const asSuperadmin = <T>(action: () => Promise<T>) => asRequest({ host: CONSOLE, cookie: superadmin }, action);
    const form = (values: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(values)) data.set(k, v);
      return data;
    };
    expect(await asSuperadmin(() => changeVerificationAction(customerId, initialFormState, form({ status: "partial", references: "CKYC 1\n\n CKYC 2 " })))).toMatchObject({
      ok: true,
    });
    expect((await controlDb().customer.findUniqueOrThrow({ where: { id: customerId } })).verificationReferences).toEqual(["CKYC 1", "CKYC 2"]);
    expect(await asSuperadmin(() => setCustomerAccessAction(customerId, initialFormState, form({ enabled: "false", reason: "unpaid" })))).toMatchObject({ ok: true });
    expect((await controlDb().customer.findUniqueOrThrow({ where: { id: customerId } })).accessDisabledAt).not.toBeNull();
    expect(await asSuperadmin(() => setCustomerAccessAction(customerId, initialFormState, form({ enabled: "true" })))).toMatchObject({ ok: true });
    expect((await controlDb().customer.findUniqueOrThrow({ where: { id: customerId } })).accessDisabledAt).toBeNull();
  });

  it("documents those types, and the query string's true/false as text", () => {
    const document = openApiDocument();
    const schemas = document.components?.schemas as Record<string, { properties: Record<string, { type: unknown }> }>;
    expect(schemas.TenantAccessChange!.properties.enabled!.type).toBe("boolean");
    expect(schemas.UserAccessChange!.properties.enabled!.type).toBe("boolean");
    expect(schemas.VerificationChange!.properties.references!.type).toBe("array");
    expect(schemas.PatchCustomer!.properties.verificationReferences!.type).toBe("array");
    const enabled = document.paths?.["/api/v1/tenants/{key}/users"]?.get?.parameters?.find((p) => "name" in p && p.name === "enabled");
    expect(enabled).toMatchObject({ in: "query", schema: { type: "string", enum: ["true", "false"] }, description: expect.stringContaining("text") });
  });
});

/** A route module as the tests call it: whatever methods it exports. */
type Module = Partial<Record<"GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" | "PATCH" | "DELETE", typeof users.GET>>;

describe("every /api/v1 and /scim/v2 answer is the API's own JSON error", () => {
  const viaProxy = async (host: string, path: string, method = "GET") => {
    const response = await proxy(new NextRequest(`http://${host}${path}`, { method, headers: { host } }));
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      rewrite: response.headers.get("x-middleware-rewrite"),
      body: text ? (JSON.parse(text) as Json) : {},
    };
  };
  const restError = (status: number, code: string) => ({ status, type: "application/json", body: { code, message: expect.any(String) } });
  const scimError = (status: number) => ({ status, type: "application/scim+json", body: { schemas: [ERROR_SCHEMA], status: String(status), detail: expect.any(String) } });

  it.each(["%zz", "%FF", "%ED%A0%80", "%F0%9F", "a%00b"])("a path segment %s that does not decode to text is validation_failed on _path, REST and SCIM alike", async (segment) => {
    expect(await viaProxy(hostOf(acme), `/api/v1/tenants/${acme.key}/users/${segment}`)).toMatchObject({
      ...restError(400, "validation_failed"),
      body: { fields: { _path: expect.any(String) } },
    });
    expect(await viaProxy(CONSOLE, `/api/v1/tenants/${segment}`)).toMatchObject({ ...restError(400, "validation_failed"), body: { fields: { _path: expect.any(String) } } });
    expect(await viaProxy(hostOf(acme), `/scim/v2/Users/${segment}`)).toMatchObject({ ...scimError(400), body: { scimType: "invalidValue" } });
  });

  it("routes what decodes, and leaves pages to their own error pages", async () => {
    expect((await viaProxy(hostOf(acme), `/api/v1/tenants/${acme.key}/users/jane%40example.com`)).rewrite).toContain(
      `/workspace/api/v1/tenants/${acme.key}/users/jane%40example.com`,
    );
    expect((await viaProxy(hostOf(acme), "/users/%zz")).rewrite).toContain("/workspace/users/%zz");
  });

  it("answers a host that is no workspace, and a method Next does not route, in JSON", async () => {
    expect(await viaProxy("nobody-here.localhost:3000", "/api/v1/tenants/x/users")).toMatchObject(restError(404, "not_found"));
    expect(await viaProxy("nobody-here.localhost:3000", "/scim/v2/Users")).toMatchObject(scimError(404));
    expect(await viaProxy(hostOf(acme), `/api/v1/tenants/${acme.key}/users`, "PROPFIND")).toMatchObject(restError(501, "method_not_allowed"));
    expect(await viaProxy(hostOf(acme), "/scim/v2/Users", "REPORT")).toMatchObject(scimError(501));
  });

  it("answers a path no route serves with 404 not_found, on both hosts and for every method", async () => {
    const routes = [
      ["rest", await import("@/app/workspace/api/v1/[[...rest]]/route")],
      ["rest", await import("@/app/console/api/v1/[[...rest]]/route")],
      ["scim", await import("@/app/workspace/scim/v2/[[...rest]]/route")],
      ["scim", await import("@/app/console/scim/v2/[[...rest]]/route")],
    ] as const;
    for (const [kind, module] of routes) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
        const response = await call((module as Module)[method]!, { host: hostOf(acme), path: kind === "rest" ? "/api/v1/nope" : "/scim/v2/Nope", method });
        expect(response).toMatchObject(kind === "rest" ? { status: 404, body: { code: "not_found" } } : { status: 404, body: { schemas: [ERROR_SCHEMA], status: "404" } });
      }
    }
  });

  it("answers a method a route does not serve with 405 method_not_allowed and Allow, and OPTIONS and HEAD as HTTP says", async () => {
    const raw = async (module: Module, method: keyof Module, path: string, params: Record<string, string> = {}) => {
      const handler = module[method];
      expect(handler, `${method} ${path}`).toBeTypeOf("function");
      const response = await handler!(new Request(`http://${hostOf(acme)}${path}`, { method, headers: { host: hostOf(acme), authorization: `Bearer ${acmeKey}` } }), {
        params: Promise.resolve(params),
      });
      const text = await response.text();
      return { status: response.status, allow: response.headers.get("allow"), type: response.headers.get("content-type"), body: text ? (JSON.parse(text) as Json) : null };
    };
    const usersPath = `${base(acme)}/users`;
    expect(await raw(users as Module, "PUT", usersPath, { key: acme.key })).toMatchObject({
      status: 405,
      allow: "GET, HEAD, OPTIONS, POST",
      body: { code: "method_not_allowed", message: expect.stringContaining("GET, HEAD, OPTIONS, POST") },
    });
    expect(await raw(users as Module, "DELETE", usersPath, { key: acme.key })).toMatchObject({ status: 405, type: "application/json" });
    expect(await raw(users as Module, "OPTIONS", usersPath, { key: acme.key })).toMatchObject({ status: 204, allow: "GET, HEAD, OPTIONS, POST", body: null });
    expect(await raw(users as Module, "HEAD", usersPath, { key: acme.key })).toMatchObject({ status: 200 });
    // A route without GET has no HEAD either.
    expect(await raw(apiKeys as Module, "PATCH", `${base(acme)}/api-keys`, { key: acme.key })).toMatchObject({ status: 405, allow: "GET, HEAD, OPTIONS, POST" });
    expect(await raw(openApiDocumentRoute as Module, "POST", "/api/v1/openapi.json")).toMatchObject({ status: 405, allow: "GET, HEAD, OPTIONS" });
    expect(await raw(scimUsers as Module, "DELETE", "/scim/v2/Users")).toMatchObject({
      status: 405,
      allow: "GET, HEAD, OPTIONS, POST",
      type: "application/scim+json",
      body: { schemas: [ERROR_SCHEMA], status: "405" },
    });
    expect(await raw(scimUser as Module, "POST", "/scim/v2/Users/x", { id: "x" })).toMatchObject({ status: 405, allow: "DELETE, GET, HEAD, OPTIONS, PATCH, PUT" });
  });

  it("a handler's own decoding never throws: a hostname that decodes to a stray % is no domain, a malformed cookie no session", async () => {
    // Next hands params over decoded once: "%25zz" in the URL arrives as "%zz".
    const get = await call(domain.GET, { host: hostOf(acme), path: `${base(acme)}/domains/%25zz`, key: acmeKey, params: { key: acme.key, hostname: "%zz" } });
    expect(get).toMatchObject({ status: 404, body: { code: "not_found" } });
    const cookie = await call(users.GET, { host: hostOf(acme), path: `${base(acme)}/users`, cookie: "next-auth.session-token=%zz; other=%E0%A4%A", params: { key: acme.key } });
    expect(cookie).toMatchObject({ status: 401, body: { code: "unauthorized" } });
  });
});

// Found by the API fuzzer (scripts/fuzz.ts, schemathesis against `next start`).
describe("what the API fuzzer found", () => {
  it("answers TRACE with the API's 501 at the app's edge: Next.js cannot make a Request of it and answered a plain-text 500", async () => {
    // The handler does what Next's server does first with every request.
    const edge = createEdgeServer({ trustedProxies: new (await import("node:net")).BlockList(), maxBodyBytes: 1024 * 1024, requestTimeoutMs: 5_000 }, (req, res) => {
      try {
        new Request(`http://${req.headers.host}${req.url}`, { method: req.method });
        res.writeHead(200).end("routed");
      } catch {
        res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
      }
    });
    await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve));
    const send = (method: string, path: string) =>
      new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
        const request = http.request({ host: "127.0.0.1", port: (edge.address() as AddressInfo).port, method, path, headers: { host: hostOf(acme) } }, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"], body }));
        });
        request.on("error", reject);
        request.end();
      });
    try {
      const rest = await send("TRACE", `/api/v1/tenants/${acme.key}/users`);
      expect({ ...rest, body: JSON.parse(rest.body) }).toMatchObject({
        status: 501,
        type: "application/json",
        body: { code: "method_not_allowed", message: expect.stringContaining("TRACE") },
      });
      const scimAnswer = await send("TRACE", "/scim/v2/Users");
      expect({ ...scimAnswer, body: JSON.parse(scimAnswer.body) }).toMatchObject({ status: 501, type: "application/scim+json", body: { schemas: [ERROR_SCHEMA], status: "501" } });
      expect(await send("GET", `/api/v1/tenants/${acme.key}/users`)).toMatchObject({ status: 200, body: "routed" });
    } finally {
      await new Promise((resolve) => edge.close(resolve));
    }
  });

  it("searches users for text ending in U+FFFF (its range's upper bound was a NUL: PostgreSQL refused it, 500)", async () => {
    const search = await call(users.GET, { host: hostOf(acme), path: `${base(acme)}/users?q=${encodeURIComponent("a\uffff")}`, key: acmeKey, params: { key: acme.key } });
    expect(search).toMatchObject({ status: 200, body: { items: [], next: null } });
  });
});
