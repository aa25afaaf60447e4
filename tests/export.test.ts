// Tenant export: the zip's contents, scoping to the caller's tenant, permission refusals, audit,
// and the superadmin's export of an archived tenant.
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { createOrgUnit } from "@/lib/org-units/service";
import { addMembership } from "@/lib/memberships/service";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { changeTenantLifecycle } from "@/lib/tenants/lifecycle";
import type { Permission } from "@/lib/permissions/permissions";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { sessionCookie } from "@/tests/support/api";
import * as workspaceExport from "@/app/workspace/api/v1/tenants/[key]/export/route";
import * as consoleExport from "@/app/console/api/v1/tenants/[key]/export/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
const admin = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} } as const;
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  const db = tenantDb(acme);
  await db.user.create({ data: { username: "asha.rao", email: "asha@acme.example", firstName: "Asha", lastName: "Rao, Jr.", provisioningState: "synced" } });
  const finance = await createOrgUnit(acme, { identifier: "finance", name: "Finance", metadata: { region: "west" } }, TEST_ACTOR);
  await addMembership(acme, finance.id, { username: "asha.rao", role: "admin" }, TEST_PRINCIPAL, TEST_ACTOR);
  await tenantDb(globex).user.create({ data: { username: "globex.only", provisioningState: "synced" } });
}, 60_000);

afterAll(() => closeTestResources(controller));

interface Fetched {
  status: number;
  headers: Headers;
  files: Record<string, string>;
  error: Record<string, unknown> | null;
}

async function fetchExport(
  handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  host: string,
  path: string,
  params: Record<string, string>,
  auth: { key?: string; cookie?: string },
): Promise<Fetched> {
  const headers: Record<string, string> = { host };
  if (auth.key) headers.authorization = `Bearer ${auth.key}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await handler(new Request(`http://${host}${path}`, { headers }), { params: Promise.resolve(params) });
  if (response.headers.get("content-type") !== "application/zip")
    return { status: response.status, headers: response.headers, files: {}, error: (await response.json()) as Record<string, unknown> };
  const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const files = Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name.split("/").pop()!, strFromU8(bytes)]));
  return { status: response.status, headers: response.headers, files, error: null };
}

const workspace = (tenant: ResolvedTenant, auth: { key?: string; cookie?: string }, onHost = tenant) =>
  fetchExport(workspaceExport.GET, hostOf(onHost), `/api/v1/tenants/${tenant.key}/export`, { key: tenant.key }, auth);

const keyWith = async (tenant: ResolvedTenant, scopes: Permission[]) =>
  (await createApiKey(tenant, admin, createApiKeySchema.parse({ name: "export", scopes }), TEST_ACTOR)).secret;

describe("a tenant admin's export", () => {
  it("is a zip of the tenant record, users, org units and memberships as JSON and CSV, of this tenant only", async () => {
    const result = await workspace(acme, { cookie: await sessionCookie(acme, "breakglass", ["tenant-admin"]) });
    expect(result.status).toBe(200);
    expect(Number(result.headers.get("content-length"))).toBeGreaterThan(0);
    expect(result.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="${acme.key}-export-.*\\.zip"`));
    expect(Object.keys(result.files).sort()).toEqual(["memberships.csv", "memberships.json", "org-units.csv", "org-units.json", "tenant.json", "users.csv", "users.json"]);

    const tenant = JSON.parse(result.files["tenant.json"]!);
    expect(tenant).toMatchObject({ tenant: { id: acme.id, key: acme.key, status: "active" }, settings: { quotas: { limits: { users: expect.any(Number) } } } });
    const users = JSON.parse(result.files["users.json"]!) as { username: string }[];
    expect(users.map((u) => u.username)).toEqual(["asha.rao", "breakglass"]);
    expect(result.files["users.csv"]!.split("\n")[0]).toBe("username,email,firstName,lastName,enabled,isBreakGlass,provisioningState,createdAt,updatedAt");
    expect(result.files["users.csv"]).toContain('asha.rao,asha@acme.example,Asha,"Rao, Jr.",true,false,synced,');
    expect(JSON.parse(result.files["org-units.json"]!)).toMatchObject([{ identifier: "finance", name: "Finance", metadata: { region: "west" } }]);
    expect(result.files["org-units.csv"]).toContain('"{""region"":""west""}"');
    expect(JSON.parse(result.files["memberships.json"]!)).toMatchObject([{ orgUnit: "finance", username: "asha.rao", role: "admin" }]);
    expect(result.files["memberships.csv"]).toContain("finance,asha.rao,admin,");
    expect(JSON.stringify(result.files)).not.toContain("globex.only");

    const event = await tenantDb(acme).auditEvent.findFirstOrThrow({ where: { action: "tenant.exported" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actor: `${acme.key}/breakglass`, resourceType: "tenant", after: { via: "workspace", users: 2, orgUnits: 1, memberships: 1 } });
  });

  it("works with an API key scoped tenant:export", async () => {
    expect((await workspace(acme, { key: await keyWith(acme, ["tenant:export"]) })).status).toBe(200);
  });
});

describe("refusals", () => {
  it("a member, an auditor and a key without tenant:export are forbidden", async () => {
    for (const roles of [["member"], ["auditor"]]) {
      expect(await workspace(acme, { cookie: await sessionCookie(acme, "someone", roles) })).toMatchObject({ status: 403, error: { code: "forbidden" } });
    }
    expect(await workspace(acme, { key: await keyWith(acme, ["user:list", "ou:list", "membership:read"]) })).toMatchObject({ status: 403, error: { code: "forbidden" } });
  });

  it("another tenant's admin gets nothing of this tenant", async () => {
    const globexAdmin = await sessionCookie(globex, "breakglass", ["tenant-admin"]);
    // Globex's session on Acme's host does not even decrypt; naming Acme on Globex's host is forbidden.
    expect((await workspace(acme, { cookie: globexAdmin })).status).toBe(401);
    expect(await workspace(acme, { cookie: globexAdmin }, globex)).toMatchObject({ status: 403, error: { code: "forbidden" } });
    expect((await workspace(acme, { key: await keyWith(globex, ["tenant:export"]) })).status).toBe(401);
  });

  it("anonymous callers get nothing, and no export is recorded for refusals", async () => {
    const before = await tenantDb(acme).auditEvent.count({ where: { action: "tenant.exported" } });
    expect((await workspace(acme, {})).status).toBe(401);
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "tenant.exported" } })).toBe(before);
  });
});

describe("the superadmin's export", () => {
  it("exports an archived tenant from the console (the workspace is closed to its own admin), audited on both sides", async () => {
    await changeTenantLifecycle(globex.id, { action: "suspend", reason: "export test" }, TEST_ACTOR);
    await changeTenantLifecycle(globex.id, { action: "archive", reason: "export test" }, TEST_ACTOR);
    expect(await workspace(globex, { cookie: await sessionCookie(globex, "breakglass", ["tenant-admin"]) })).toMatchObject({ status: 403, error: { code: "tenant_suspended" } });

    const root = await rootTenant();
    const fromConsole = async (cookie: string) => fetchExport(consoleExport.GET, "console.localhost:3000", `/api/v1/tenants/${globex.key}/export`, { key: globex.key }, { cookie });
    expect(await fromConsole(await sessionCookie(root, "operator", ["viewer"]))).toMatchObject({ status: 403, error: { code: "forbidden" } });
    expect(await controlDb().platformAuditEvent.count({ where: { resourceId: globex.id, action: "tenant.exported" } })).toBe(0);

    const result = await fromConsole(await sessionCookie(root, "superadmin", ["superadmin"]));
    expect(result.status).toBe(200);
    expect(JSON.parse(result.files["tenant.json"]!)).toMatchObject({ tenant: { key: globex.key, status: "archived" } });
    expect(JSON.parse(result.files["users.json"]!).map((u: { username: string }) => u.username)).toEqual(["breakglass", "globex.only"]);
    expect(await controlDb().platformAuditEvent.findFirst({ where: { resourceId: globex.id, action: "tenant.exported" } })).toMatchObject({ actor: "root/superadmin" });
    expect(await tenantDb(globex).auditEvent.findFirst({ where: { action: "tenant.exported" } })).toMatchObject({ actor: "root/superadmin", after: { via: "console" } });
  });
});
