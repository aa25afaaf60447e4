import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { createCustomer } from "@/lib/customers/service";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { AppError } from "@/lib/errors/app-error";
import { listQuerySchema } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { createOrgUnit, deleteOrgUnit, findOrgUnit, getOrgUnit, listOrgUnits, updateOrgUnit } from "@/lib/org-units/service";
import { createOrgUnitFormSchema } from "@/lib/org-units/schema";
import { metadataToText } from "@/lib/org-units/metadata";
import { addMembership, changeMembershipRole, listOrgUnitMembers, listUserMemberships, removeMembership } from "@/lib/memberships/service";
import { businessCustomer, TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let tenantA: ResolvedTenant;
let tenantB: ResolvedTenant;

async function provisionedTenant(): Promise<ResolvedTenant> {
  const { tenantId } = await createCustomer(businessCustomer(), TEST_ACTOR);
  await controller.reconcile(tenantId);
  const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
  expect(tenant.status).toBe("active");
  return tenant;
}

beforeAll(async () => {
  [tenantA, tenantB] = await Promise.all([provisionedTenant(), provisionedTenant()]);
}, 120_000);

afterAll(() => closeTestResources(controller));

let counter = 0;
const identifier = (prefix = "ou") => `${prefix}-${++counter}-${randomUUID().slice(0, 8)}`;
const query = (q = "") => listQuerySchema.parse({ q });
const events = (tenant: ResolvedTenant, resourceId: string) => tenantDb(tenant).auditEvent.findMany({ where: { resourceId }, orderBy: { id: "asc" } });
const addUser = (tenant: ResolvedTenant, username: string, names: { firstName?: string; lastName?: string } = {}) =>
  tenantDb(tenant).user.create({ data: { username, provisioningState: "synced", ...names } });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("org units", () => {
  it("creates, reads, lists and updates an org unit, auditing each change", async () => {
    const id = identifier("sales");
    const created = await createOrgUnit(tenantA, { identifier: id, name: "Sales", description: "Field sales", metadata: { region: "west", "cost.centre": "42" } }, TEST_ACTOR);
    expect(created).toMatchObject({ identifier: id, name: "Sales", description: "Field sales", metadata: { region: "west", "cost.centre": "42" }, memberCount: 0 });
    expect(await getOrgUnit(tenantA, created.id)).toMatchObject({ id: created.id, identifier: id });

    const found = await listOrgUnits(tenantA, query(id.slice(0, 10)));
    expect(found.items.map((o) => o.identifier)).toContain(id);
    expect((await listOrgUnits(tenantA, query("SAL"))).items.map((o) => o.id)).toContain(created.id);
    expect((await listOrgUnits(tenantA, query(), { within: [] })).total).toBe(0);

    const updated = await updateOrgUnit(tenantA, created.id, { name: "Sales West", description: "", metadata: { region: "north" } }, TEST_ACTOR);
    expect(updated).toMatchObject({ identifier: id, name: "Sales West", description: null, metadata: { region: "north" } });
    // Fields left out stay as they are.
    expect(await updateOrgUnit(tenantA, created.id, { name: "Sales North" }, TEST_ACTOR)).toMatchObject({ description: null, metadata: { region: "north" } });

    const trail = await events(tenantA, created.id);
    expect(trail.map((e) => e.action)).toEqual(["org_unit.created", "org_unit.updated", "org_unit.updated"]);
    expect(trail[1]).toMatchObject({ actor: "test", ip: "127.0.0.1", before: { name: "Sales" }, after: { name: "Sales West" } });
  });

  it("parses the form's key=value metadata lines", () => {
    const parsed = createOrgUnitFormSchema.parse({ identifier: " ops ", name: " Ops ", description: " ", metadata: "region = west\n\nurl=https://x.example/?a=b\r\n" });
    expect(parsed).toEqual({ identifier: "ops", name: "Ops", description: null, metadata: { region: "west", url: "https://x.example/?a=b" } });
    expect(metadataToText(parsed.metadata)).toBe("region=west\nurl=https://x.example/?a=b");
    const bad = (metadata: string) => createOrgUnitFormSchema.safeParse({ identifier: "ops", name: "Ops", metadata });
    expect(bad("no equals sign").error?.issues[0]?.message).toMatch(/Line 1: write each entry as key=value/);
    expect(bad("a=1\na=2").error?.issues[0]?.message).toMatch(/appears more than once/);
    expect(bad("9lives=x").error?.issues[0]?.message).toMatch(/Key “9lives” must start with a letter/);
    expect(bad(`k=${"v".repeat(501)}`).error?.issues[0]?.message).toMatch(/at most 500/);
    expect(bad(Array.from({ length: 51 }, (_, i) => `k${i}=v`).join("\n")).error?.issues[0]?.message).toMatch(/At most 50/);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const before = await tenantDb(tenantA).orgUnit.count();
    const auditBefore = await tenantDb(tenantA).auditEvent.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ identifier: "Has Caps", name: "x" }, "identifier"],
      [{ identifier: "-leading", name: "x" }, "identifier"],
      [{ identifier: "a".repeat(64), name: "x" }, "identifier"],
      [{ identifier: identifier(), name: "" }, "name"],
      [{ identifier: identifier(), name: "n".repeat(101) }, "name"],
      [{ identifier: identifier(), name: "x", description: "d".repeat(501) }, "description"],
      [{ identifier: identifier(), name: "x", metadata: { "bad key": "v" } }, "metadata"],
      [{ identifier: identifier(), name: "x", metadata: { ok: "v".repeat(501) } }, "metadata"],
      [{ identifier: identifier(), name: "x", metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, "metadata"],
    ];
    for (const [input, field] of cases) {
      const error = await rejection(createOrgUnit(tenantA, input as never, TEST_ACTOR));
      expect(error.code).toBe("validation_failed");
      expect(Object.keys(error.fields)).toContain(field);
    }
    const ou = await createOrgUnit(tenantA, { identifier: identifier(), name: "Keep", metadata: { a: "1" } }, TEST_ACTOR);
    const error = await rejection(updateOrgUnit(tenantA, ou.id, { name: "Changed", metadata: { "1bad": "v" } }, TEST_ACTOR));
    expect(error).toMatchObject({ code: "validation_failed", fields: { metadata: expect.stringContaining("1bad") } });
    expect(await getOrgUnit(tenantA, ou.id)).toMatchObject({ name: "Keep", metadata: { a: "1" } });
    expect(await tenantDb(tenantA).orgUnit.count()).toBe(before + 1);
    expect(await tenantDb(tenantA).auditEvent.count()).toBe(auditBefore + 1);
  });

  it("refuses a duplicate identifier with a conflict on the identifier field", async () => {
    const id = identifier("dup");
    await createOrgUnit(tenantA, { identifier: id, name: "First" }, TEST_ACTOR);
    const error = await rejection(createOrgUnit(tenantA, { identifier: id, name: "Second" }, TEST_ACTOR));
    expect(error).toMatchObject({ code: "conflict", fields: { identifier: expect.stringContaining(id) } });
    // Identifiers are unique per tenant, not across tenants.
    await expect(createOrgUnit(tenantB, { identifier: id, name: "Elsewhere" }, TEST_ACTOR)).resolves.toMatchObject({ identifier: id });
  });

  it("lets exactly one of two concurrent creations with the same identifier win, with nothing partly written", async () => {
    const id = identifier("race");
    const auditBefore = await tenantDb(tenantA).auditEvent.count({ where: { action: "org_unit.created" } });
    const results = await Promise.allSettled([
      createOrgUnit(tenantA, { identifier: id, name: "Racer One" }, TEST_ACTOR),
      createOrgUnit(tenantA, { identifier: id, name: "Racer Two" }, TEST_ACTOR),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: "conflict", fields: { identifier: expect.any(String) } });
    expect(await tenantDb(tenantA).orgUnit.count({ where: { identifier: id } })).toBe(1);
    expect(await tenantDb(tenantA).auditEvent.count({ where: { action: "org_unit.created" } })).toBe(auditBefore + 1);
  });

  it("deletes an empty org unit, and refuses one with members with a clear conflict", async () => {
    const ou = await createOrgUnit(tenantA, { identifier: identifier("del"), name: "Doomed" }, TEST_ACTOR);
    await addUser(tenantA, `del-${counter}-user`);
    await addMembership(tenantA, ou.id, { username: `del-${counter}-user`, role: "default" }, TEST_PRINCIPAL, TEST_ACTOR);

    const error = await rejection(deleteOrgUnit(tenantA, ou.id, TEST_ACTOR));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain(ou.identifier);
    expect(error.message).toContain("1 member");
    expect(await findOrgUnit(tenantA, ou.id)).not.toBeNull();

    await removeMembership(tenantA, ou.id, `del-${counter}-user`, TEST_PRINCIPAL, TEST_ACTOR);
    await deleteOrgUnit(tenantA, ou.id, TEST_ACTOR);
    expect(await findOrgUnit(tenantA, ou.id)).toBeNull();
    expect((await events(tenantA, ou.id)).map((e) => e.action)).toEqual(["org_unit.created", "org_unit.deleted"]);
    expect(await rejection(deleteOrgUnit(tenantA, ou.id, TEST_ACTOR))).toMatchObject({ code: "not_found" });
  });

  it("never deletes an org unit that gains a member at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const ou = await createOrgUnit(tenantA, { identifier: identifier("racy"), name: "Racy" }, TEST_ACTOR);
      const username = `racer-${counter}`;
      await addUser(tenantA, username);
      const [added, deleted] = await Promise.allSettled([
        addMembership(tenantA, ou.id, { username, role: "default" }, TEST_PRINCIPAL, TEST_ACTOR),
        deleteOrgUnit(tenantA, ou.id, TEST_ACTOR),
      ]);
      const exists = (await findOrgUnit(tenantA, ou.id)) !== null;
      if (added.status === "fulfilled") {
        expect(deleted).toMatchObject({ status: "rejected", reason: { code: "conflict" } });
        expect(exists).toBe(true);
      } else {
        expect(added.reason).toMatchObject({ code: "not_found" });
        expect(deleted.status).toBe("fulfilled");
        expect(exists).toBe(false);
      }
      expect(await tenantDb(tenantA).auditEvent.count({ where: { resourceId: `${ou.id}/${username}` } })).toBe(added.status === "fulfilled" ? 1 : 0);
    }
  });

  it("answers not_found for malformed and unknown ids", async () => {
    for (const id of ["not-a-uuid", randomUUID()]) {
      expect(await findOrgUnit(tenantA, id)).toBeNull();
      expect(await rejection(getOrgUnit(tenantA, id))).toMatchObject({ code: "not_found" });
      expect(await rejection(updateOrgUnit(tenantA, id, { name: "x" }, TEST_ACTOR))).toMatchObject({ code: "not_found" });
      expect(await rejection(deleteOrgUnit(tenantA, id, TEST_ACTOR))).toMatchObject({ code: "not_found" });
      expect(await rejection(listOrgUnitMembers(tenantA, id, query()))).toMatchObject({ code: "not_found" });
    }
  });
});

describe("memberships", () => {
  it("adds, lists, changes the role of and removes a member, auditing each change", async () => {
    const ou = await createOrgUnit(tenantA, { identifier: identifier("team"), name: "Team" }, TEST_ACTOR);
    const username = `alice-${counter}`;
    await addUser(tenantA, username, { firstName: "Alice", lastName: "Liddell" });

    expect(await addMembership(tenantA, ou.id, { username: ` ${username.toUpperCase()} `, role: "auditor" }, TEST_PRINCIPAL, TEST_ACTOR)).toMatchObject({
      username,
      role: "auditor",
      identifier: ou.identifier,
    });
    const members = await listOrgUnitMembers(tenantA, ou.id, query());
    expect(members.items).toEqual([expect.objectContaining({ username, role: "auditor", firstName: "Alice", lastName: "Liddell", enabled: true })]);
    expect((await listOrgUnitMembers(tenantA, ou.id, query("lidd"))).total).toBe(1);
    expect((await listOrgUnitMembers(tenantA, ou.id, query("zzz"))).total).toBe(0);
    expect(await listUserMemberships(tenantA, username)).toEqual([expect.objectContaining({ orgUnitId: ou.id, identifier: ou.identifier, name: "Team", role: "auditor" })]);
    expect((await getOrgUnit(tenantA, ou.id)).memberCount).toBe(1);

    expect(await changeMembershipRole(tenantA, ou.id, username, "admin", TEST_PRINCIPAL, TEST_ACTOR)).toMatchObject({ role: "admin" });
    expect((await listUserMemberships(tenantA, username))[0]?.role).toBe("admin");

    await removeMembership(tenantA, ou.id, username, TEST_PRINCIPAL, TEST_ACTOR);
    expect(await listUserMemberships(tenantA, username)).toEqual([]);

    const trail = await events(tenantA, `${ou.id}/${username}`);
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ["membership.added", "test"],
      ["membership.role_changed", "test"],
      ["membership.removed", "test"],
    ]);
    expect(trail[1]).toMatchObject({ before: { role: "auditor" }, after: { role: "admin" } });
    expect(trail[2]).toMatchObject({ before: { role: "admin", username, identifier: ou.identifier }, after: null });
  });

  it("refuses an unknown user on the username field, a duplicate as a conflict, and a bad role, writing nothing", async () => {
    const ou = await createOrgUnit(tenantA, { identifier: identifier("strict"), name: "Strict" }, TEST_ACTOR);
    const username = `bob-${counter}`;
    await addUser(tenantA, username);
    await addMembership(tenantA, ou.id, { username, role: "default" }, TEST_PRINCIPAL, TEST_ACTOR);
    const auditBefore = await tenantDb(tenantA).auditEvent.count();

    expect(await rejection(addMembership(tenantA, ou.id, { username: "nobody-here", role: "default" }, TEST_PRINCIPAL, TEST_ACTOR))).toMatchObject({
      code: "not_found",
      fields: { username: expect.stringContaining("nobody-here") },
    });
    expect(await rejection(addMembership(tenantA, ou.id, { username, role: "admin" }, TEST_PRINCIPAL, TEST_ACTOR))).toMatchObject({
      code: "conflict",
      fields: { username: expect.any(String) },
    });
    expect(await rejection(addMembership(tenantA, ou.id, { username, role: "owner" as never }, TEST_PRINCIPAL, TEST_ACTOR))).toMatchObject({
      code: "validation_failed",
      fields: { role: expect.any(String) },
    });
    expect(await rejection(addMembership(tenantA, ou.id, { username: "", role: "default" }, TEST_PRINCIPAL, TEST_ACTOR))).toMatchObject({
      code: "validation_failed",
      fields: { username: expect.any(String) },
    });
    expect(await rejection(changeMembershipRole(tenantA, ou.id, "nobody-here", "admin", TEST_PRINCIPAL, TEST_ACTOR))).toMatchObject({ code: "not_found" });
    expect(await rejection(removeMembership(tenantA, ou.id, "nobody-here", TEST_PRINCIPAL, TEST_ACTOR))).toMatchObject({ code: "not_found" });

    // Two concurrent additions of the same user: one wins, the other is a conflict.
    const carol = `carol-${counter}`;
    await addUser(tenantA, carol);
    const raced = await Promise.allSettled([
      addMembership(tenantA, ou.id, { username: carol, role: "default" }, TEST_PRINCIPAL, TEST_ACTOR),
      addMembership(tenantA, ou.id, { username: carol, role: "admin" }, TEST_PRINCIPAL, TEST_ACTOR),
    ]);
    expect(raced.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(raced.flatMap((r) => (r.status === "rejected" ? [r.reason] : []))).toEqual([expect.objectContaining({ code: "conflict" })]);

    expect((await listOrgUnitMembers(tenantA, ou.id, query())).items.map((m) => [m.username, m.role])).toEqual([
      [username, "default"],
      [carol, expect.any(String)],
    ]);
    expect(await tenantDb(tenantA).auditEvent.count()).toBe(auditBefore + 1);
  });
});

describe("tenant isolation", () => {
  it("treats another tenant's org unit id as not_found and changes nothing in either tenant", async () => {
    const ou = await createOrgUnit(tenantA, { identifier: identifier("iso"), name: "Tenant A only", metadata: { k: "v" } }, TEST_ACTOR);
    const username = `dave-${counter}`;
    await addUser(tenantA, username);
    await addUser(tenantB, username);
    await addMembership(tenantA, ou.id, { username, role: "admin" }, TEST_PRINCIPAL, TEST_ACTOR);
    const snapshot = async () => ({
      a: await tenantDb(tenantA).orgUnit.findMany({ orderBy: { id: "asc" } }),
      aMembers: await tenantDb(tenantA).membership.findMany({ orderBy: [{ orgUnitId: "asc" }, { username: "asc" }] }),
      aAudit: await tenantDb(tenantA).auditEvent.count(),
      b: await tenantDb(tenantB).orgUnit.findMany({ orderBy: { id: "asc" } }),
      bMembers: await tenantDb(tenantB).membership.findMany({ orderBy: [{ orgUnitId: "asc" }, { username: "asc" }] }),
      bAudit: await tenantDb(tenantB).auditEvent.count(),
    });
    const before = await snapshot();

    expect(await findOrgUnit(tenantB, ou.id)).toBeNull();
    const attempts: (() => Promise<unknown>)[] = [
      () => getOrgUnit(tenantB, ou.id),
      () => updateOrgUnit(tenantB, ou.id, { name: "Hijacked" }, TEST_ACTOR),
      () => deleteOrgUnit(tenantB, ou.id, TEST_ACTOR),
      () => listOrgUnitMembers(tenantB, ou.id, query()),
      () => addMembership(tenantB, ou.id, { username, role: "admin" }, TEST_PRINCIPAL, TEST_ACTOR),
      () => changeMembershipRole(tenantB, ou.id, username, "auditor", TEST_PRINCIPAL, TEST_ACTOR),
      () => removeMembership(tenantB, ou.id, username, TEST_PRINCIPAL, TEST_ACTOR),
    ];
    for (const attempt of attempts) expect(await rejection(attempt())).toMatchObject({ code: "not_found" });
    expect(await listUserMemberships(tenantB, username)).toEqual([]);
    expect((await listOrgUnits(tenantB, query(ou.identifier))).total).toBe(0);

    expect(await snapshot()).toEqual(before);
  });
});
