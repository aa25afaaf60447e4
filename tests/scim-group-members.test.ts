// A SCIM group write changes its memberships in one transaction (lib/memberships/service.ts
// `changeMemberships`): all of them or none, the memberships quota checked inside it, so
// concurrent PATCHes never take the workspace past its quota. Real tenant database, real routes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import type { Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { changeMemberships } from "@/lib/memberships/service";
import { setQuotaOverrides } from "@/lib/quotas/limits";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { GROUP_SCHEMA, PATCH_OP, scimClient, type ScimCaller } from "@/tests/support/scim";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let scim: ScimCaller;
const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  scim = scimClient(acme, (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "scim", scopes: ["scim"] }), TEST_ACTOR)).secret);
}, 120_000);

afterAll(() => closeTestResources(controller));

/** `count` users (rows of this workspace; memberships need no realm user), returning their ids. */
async function users(prefix: string, count: number): Promise<{ id: string; username: string }[]> {
  const db = tenantDb(acme);
  const rows = Array.from({ length: count }, (_, i) => ({ username: `${prefix}.${String(i).padStart(2, "0")}`, provisioningState: "synced" }));
  await db.user.createMany({ data: rows });
  return db.user.findMany({ where: { username: { startsWith: `${prefix}.` } }, select: { id: true, username: true }, orderBy: { username: "asc" } });
}

async function group(displayName: string): Promise<string> {
  const created = await scim("POST", "/scim/v2/Groups", { schemas: [GROUP_SCHEMA], displayName });
  expect(created.status).toBe(201);
  return String(created.body.id);
}

const addMembers = (groupId: string, ids: readonly string[]) =>
  scim("PATCH", `/scim/v2/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: ids.map((value) => ({ value })) }] });

const memberCount = (orgUnitId: string) => tenantDb(acme).membership.count({ where: { orgUnitId } });

describe("SCIM group membership changes", () => {
  it("adds 20 members in one PATCH, one audit event each; with one unknown id nothing changes", async () => {
    const team = await users("batch", 21);
    const groupId = await group("Batch");

    const unknown = await addMembers(groupId, [...team.slice(0, 19).map((u) => u.id), "00000000-0000-4000-8000-000000000000"]);
    expect(unknown).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    expect(await memberCount(groupId)).toBe(0);

    const added = await addMembers(
      groupId,
      team.slice(0, 20).map((u) => u.id),
    );
    expect(added.status).toBe(200);
    expect(added.body.members).toHaveLength(20);
    const events = await tenantDb(acme).auditEvent.findMany({ where: { action: "membership.added", resourceId: { startsWith: `${groupId}/` } } });
    expect(events.map((e) => e.resourceId).sort()).toEqual(team.slice(0, 20).map((u) => `${groupId}/${u.username}`));

    // PUT swaps one member for another: both changes or neither.
    const put = await scim("PUT", `/scim/v2/Groups/${groupId}`, { schemas: [GROUP_SCHEMA], displayName: "Batch", members: [...team.slice(1, 21)].map((u) => ({ value: u.id })) });
    expect(put.status).toBe(200);
    expect((await tenantDb(acme).membership.findMany({ where: { orgUnitId: groupId }, select: { username: true }, orderBy: { username: "asc" } })).map((m) => m.username)).toEqual(
      team.slice(1, 21).map((u) => u.username),
    );
  });

  it("the batch is all or nothing inside its transaction: a vanished user or an existing membership changes nothing", async () => {
    const team = await users("atomic", 5);
    const groupId = await group("Atomic");
    await changeMemberships(acme, groupId, { add: [{ username: team[0]!.username, role: "default" }] }, TEST_PRINCIPAL, TEST_ACTOR);

    const adds = (names: readonly string[]) => names.map((username) => ({ username, role: "default" as const }));
    await expect(
      changeMemberships(acme, groupId, { add: adds([...team.slice(1).map((u) => u.username), "nobody.here"]), remove: [team[0]!.username] }, TEST_PRINCIPAL, TEST_ACTOR),
    ).rejects.toMatchObject({
      code: "not_found",
      fields: { username: expect.stringContaining("nobody.here") },
    });
    await expect(changeMemberships(acme, groupId, { add: adds(team.map((u) => u.username)) }, TEST_PRINCIPAL, TEST_ACTOR)).rejects.toMatchObject({
      code: "conflict",
      fields: { username: expect.stringContaining(team[0]!.username) },
    });
    expect((await tenantDb(acme).membership.findMany({ where: { orgUnitId: groupId }, select: { username: true } })).map((m) => m.username)).toEqual([team[0]!.username]);
  });

  it("concurrent PATCHes never exceed the memberships quota; a refused one adds nobody", async () => {
    const team = await users("race", 40);
    const groups = await Promise.all(["Race A", "Race B", "Race C", "Race D"].map(group));
    const used = await tenantDb(acme).membership.count();
    await setQuotaOverrides(acme.id, { users: "", orgUnits: "", memberships: String(used + 25), apiKeys: "" }, TEST_ACTOR);
    try {
      const results = await Promise.all(
        groups.map((groupId, i) =>
          addMembers(
            groupId,
            team.slice(i * 10, i * 10 + 10).map((u) => u.id),
          ),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(2);
      for (const r of results.filter((r) => r.status !== 200)) expect(r).toMatchObject({ status: 429, body: { detail: expect.stringContaining("would exceed") } });
      expect(await tenantDb(acme).membership.count()).toBe(used + 20);
      const counts = await Promise.all(groups.map(memberCount));
      expect(counts.sort()).toEqual([0, 0, 10, 10]);
    } finally {
      await setQuotaOverrides(acme.id, { users: "", orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    }
  });
});
