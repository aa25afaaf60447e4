// The audit viewer's queries against real databases: action categories (`tenant.*`), the pick
// list of the actions a trail holds, and the names of the users, org units and tenants a page of
// events mentions, resolved for the whole page at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { listAuditEvents, type AuditSource } from "@/lib/audit/query";
import { auditFilterSchema } from "@/lib/audit/filter";
import { listAuditActions, nameKey, resolveAuditNames } from "@/lib/audit/names";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let tenant: ResolvedTenant;
let orgUnitId: string;
const source = (): AuditSource => ({ kind: "tenant", tenant });
const actions = async (action: string) => (await listAuditEvents(source(), auditFilterSchema.parse({ action }))).items.map((e) => e.action);

beforeAll(async () => {
  tenant = await provisionedTenant(controller);
  const db = tenantDb(tenant);
  await db.user.create({ data: { username: "asha.rao", firstName: "Asha", lastName: "Rao" } });
  await db.user.create({ data: { username: "nameless" } });
  orgUnitId = (await db.orgUnit.create({ data: { identifier: "finance", name: "Finance" } })).id;
  const event = (action: string, resourceType: string, resourceId: string, actor = `${tenant.key}/asha.rao`) => ({ actor, action, resourceType, resourceId });
  await db.auditEvent.createMany({
    data: [
      event("org_unit.created", "org_unit", orgUnitId),
      event("org_unit.deleted", "org_unit", "5b0f3c1e-0000-4000-8000-000000000000"),
      event("user.created", "user", "nameless"),
      event("user_x.created", "user", "gone.user", `${tenant.key}/apikey:abc123`),
    ],
  });
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("the action filter", () => {
  it("matches one action exactly, or every action of a category written `org_unit.*`", async () => {
    expect(await actions("org_unit.created")).toEqual(["org_unit.created"]);
    expect((await actions("org_unit.*")).sort()).toEqual(["org_unit.created", "org_unit.deleted"]);
    expect(await actions("org_unit")).toEqual([]);
  });

  it("reads a category's underscore as itself, not LIKE's wildcard", async () => {
    expect(await actions("user_x.*")).toEqual(["user_x.created"]);
    expect(await actions("user.*")).not.toContain("user_x.created");
  });
});

describe("the pick list", () => {
  it("lists each action the trail holds once, in order", async () => {
    const listed = await listAuditActions(source());
    expect(listed).toEqual([...new Set(listed)].sort());
    expect(listed).toEqual(expect.arrayContaining(["org_unit.created", "org_unit.deleted", "user.created", "user_x.created"]));
  });
});

describe("names of a page's actors and resources", () => {
  it("names users by their full name and org units by their name; what is gone or unnamed keeps its id", async () => {
    const page = await listAuditEvents(source(), auditFilterSchema.parse({}));
    const names = await resolveAuditNames(source(), page.items);
    expect(names.get(nameKey("user", "asha.rao"))).toBe("Asha Rao"); // the actor
    expect(names.get(nameKey("org_unit", orgUnitId))).toBe("Finance");
    expect(names.has(nameKey("org_unit", "5b0f3c1e-0000-4000-8000-000000000000"))).toBe(false);
    expect(names.has(nameKey("user", "nameless"))).toBe(false);
    expect(names.has(nameKey("user", "gone.user"))).toBe(false);
  });

  it("names tenants on the platform trail, whether an event holds the tenant's id or its key", async () => {
    const platform: AuditSource = { kind: "platform" };
    const events = [tenant.id, tenant.key].map((resourceId, i) => ({
      id: String(i + 1),
      occurredAt: new Date(),
      actor: "system",
      action: "tenant.created",
      resourceType: "tenant",
      resourceId,
      tenantId: null,
      ip: null,
      userAgent: null,
      before: null,
      after: null,
      externalId: null,
    }));
    const names = await resolveAuditNames(platform, events);
    const { displayName } = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(names.get(nameKey("tenant", tenant.id))).toBe(displayName);
    expect(names.get(nameKey("tenant", tenant.key))).toBe(displayName);
  });
});
