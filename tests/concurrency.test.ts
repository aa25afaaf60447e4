// Concurrent writes over the REST API and SCIM, against the tenant's real database and the real
// identity server: of two writes that cannot both win one does and the other is answered `409
// conflict` or `404 not_found` (never a 500), quotas are never exceeded, nothing is lost, and
// afterwards the realm (read through lib/identity) and the tenant database agree on every user.
// Races depend on timing, so each one is run for several rounds with the second request started
// a little later each round.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { identityAdmin } from "@/lib/identity/admin";
import { findUserById, findUserByUsername } from "@/lib/identity/users";
import { setQuotaOverrides } from "@/lib/quotas/limits";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { call, type Json } from "@/tests/support/api";
import { GROUP_SCHEMA, PATCH_OP, scimClient, USER_SCHEMA, type ScimCaller } from "@/tests/support/scim";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";
import * as orgUnits from "@/app/workspace/api/v1/tenants/[key]/org-units/route";
import * as orgUnit from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/route";
import * as members from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/route";
import * as member from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/[username]/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let key: string;
let scim: ScimCaller;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const ROUNDS = 4;
/** How much later the second request of round `i` starts: the races land at different points. */
const stagger = (round: number) => [0, 5, 20, 60][round % 4]!;
const later = <T>(ms: number, start: () => Promise<T>): Promise<T> => new Promise((resolve, reject) => setTimeout(() => start().then(resolve, reject), ms));
/** Starts `a` and `b` together, one of them (by round) a little later than the other. */
function race<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  const bLater = Math.floor(round / 2) % 2 === 0;
  return Promise.all([bLater ? a() : later(stagger(round), a), bLater ? later(stagger(round), b) : b()]);
}

const host = () => `${acme.key}.localhost:3000`;
const base = () => `/api/v1/tenants/${acme.key}`;
type Reply = { status: number; body: Json };

const createUser = (username: string, body: Json = {}): Promise<Reply> =>
  call(users.POST, { host: host(), path: `${base()}/users`, method: "POST", key, params: { key: acme.key }, body: { username, passwordMode: "none", ...body } });
const patchUser = (username: string, body: Json): Promise<Reply> =>
  call(user.PATCH, { host: host(), path: `${base()}/users/${username}`, method: "PATCH", key, params: { key: acme.key, username }, body });
const deleteUser = (username: string): Promise<Reply> =>
  call(user.DELETE, { host: host(), path: `${base()}/users/${username}`, method: "DELETE", key, params: { key: acme.key, username } });
const createOrgUnit = (identifier: string): Promise<Reply> =>
  call(orgUnits.POST, { host: host(), path: `${base()}/org-units`, method: "POST", key, params: { key: acme.key }, body: { identifier, name: identifier } });
const patchOrgUnit = (id: string, body: Json): Promise<Reply> =>
  call(orgUnit.PATCH, { host: host(), path: `${base()}/org-units/${id}`, method: "PATCH", key, params: { key: acme.key, id }, body });
const deleteOrgUnit = (id: string): Promise<Reply> =>
  call(orgUnit.DELETE, { host: host(), path: `${base()}/org-units/${id}`, method: "DELETE", key, params: { key: acme.key, id } });
const addMember = (id: string, username: string): Promise<Reply> =>
  call(members.POST, { host: host(), path: `${base()}/org-units/${id}/members`, method: "POST", key, params: { key: acme.key, id }, body: { username, role: "default" } });
const removeMember = (id: string, username: string): Promise<Reply> =>
  call(member.DELETE, { host: host(), path: `${base()}/org-units/${id}/members/${username}`, method: "DELETE", key, params: { key: acme.key, id, username } });

/** The reply's status, failing with its body when it is not one of `allowed`. */
function statusOf(reply: Reply, allowed: readonly number[]): number {
  expect(allowed, `${reply.status} ${JSON.stringify(reply.body)}`).toContain(reply.status);
  return reply.status;
}

/**
 * The tenant database and the realm agree on `username`: a row that is synced and the realm user
 * it names, or neither. Returns whether the user exists.
 */
async function agreed(username: string): Promise<boolean> {
  const row = await tenantDb(acme).user.findUnique({ where: { username } });
  const realmUser = await findUserByUsername(acme.key, username);
  if (!row) {
    expect(realmUser, `the realm still has ${username}, the tenant database does not`).toBeNull();
    return false;
  }
  expect(row, `the row of ${username}`).toMatchObject({ provisioningState: "synced", syncError: null });
  expect(realmUser?.id, `the realm user of ${username}`).toBe(row.identityId);
  return true;
}

/** A synced user (REST), and its realm id. */
async function syncedUser(username: string, body: Json = {}): Promise<string> {
  const created = await createUser(username, body);
  expect(created, JSON.stringify(created.body)).toMatchObject({ status: 201, body: { provisioningState: "synced" } });
  return (await tenantDb(acme).user.findUniqueOrThrow({ where: { username } })).identityId!;
}

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  key = (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "concurrency", scopes: PERMISSIONS }), TEST_ACTOR)).secret;
  scim = scimClient(acme, (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "concurrency scim", scopes: ["scim"] }), TEST_ACTOR)).secret);
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("creating users at the same time", () => {
  it("five parallel creates of one username: one 201, four 409 on username, one user in both stores", async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser("same.name", { firstName: `Try ${i}` })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const refused of replies.filter((r) => r.status === 409)) expect(refused.body).toMatchObject({ code: "conflict", fields: { username: expect.any(String) } });
    expect(await tenantDb(acme).user.count({ where: { username: "same.name" } })).toBe(1);
    expect(await agreed("same.name")).toBe(true);
  });

  it("parallel creates against a lowered quota create exactly what fits (429 for the rest), in both stores", async () => {
    const db = tenantDb(acme);
    const present = await db.user.count();
    await setQuotaOverrides(acme.id, { users: String(present + 2), orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    try {
      const names = Array.from({ length: 6 }, (_, i) => `quota.${i}`);
      const replies = await Promise.all(names.map((name) => createUser(name)));
      expect(replies.map((r) => r.status).sort()).toEqual([201, 201, 429, 429, 429, 429]);
      for (const refused of replies.filter((r) => r.status === 429)) expect(refused.body).toMatchObject({ code: "quota_exceeded" });
      expect(await db.user.count()).toBe(present + 2);
      for (const [i, name] of names.entries()) expect(await agreed(name)).toBe(replies[i]!.status === 201);
    } finally {
      await setQuotaOverrides(acme.id, { users: "", orgUnits: "", memberships: "", apiKeys: "" }, TEST_ACTOR);
    }
  });
});

describe("writes to one user at the same time", () => {
  it("DELETE racing a PATCH: the delete wins (204), the PATCH is 200 or 404, and the user is gone from both stores", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `upd.race.${round}`;
      const identityId = await syncedUser(name);
      const [removed, patched] = await race(
        round,
        () => deleteUser(name),
        () => patchUser(name, { firstName: `Round ${round}`, enabled: false }),
      );
      statusOf(removed, [204]);
      statusOf(patched, [200, 404]);
      expect(await agreed(name)).toBe(false);
      expect(await findUserById(acme.key, identityId), `round ${round}: the realm user came back`).toBeNull();
    }
  });

  it("DELETE racing a rename: one of them wins, the other is 404, and both names agree in both stores", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `ren.race.${round}`;
      const renamedTo = `${name}.new`;
      const identityId = await syncedUser(name);
      const [removed, renamed] = await race(
        round,
        () => deleteUser(name),
        () => patchUser(name, { username: renamedTo }),
      );
      const deleted = statusOf(removed, [204, 404]) === 204;
      const kept = statusOf(renamed, [200, 404]) === 200;
      expect(deleted !== kept, `round ${round}: DELETE ${removed.status}, rename ${renamed.status}`).toBe(true);
      expect(await agreed(name)).toBe(false);
      expect(await agreed(renamedTo)).toBe(kept);
      if (deleted) expect(await findUserById(acme.key, identityId)).toBeNull();
    }
  });

  it("DELETE racing DELETE: one 204, the other 404, nothing left in either store", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `del.race.${round}`;
      const identityId = await syncedUser(name);
      const replies = await race(
        round,
        () => deleteUser(name),
        () => deleteUser(name),
      );
      expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.body))).toEqual([204, 404]);
      expect(replies.find((r) => r.status === 404)?.body).toMatchObject({ code: "not_found" });
      expect(await agreed(name)).toBe(false);
      expect(await findUserById(acme.key, identityId)).toBeNull();
    }
  });

  it("SCIM DELETE racing a SCIM PATCH: the delete wins, the PATCH is 200 or 404, and the realm user stays gone", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `scim.race.${round}`;
      const identityId = await syncedUser(name);
      const id = (await tenantDb(acme).user.findUniqueOrThrow({ where: { username: name } })).id;
      const patch = () => scim("PATCH", `/scim/v2/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "name.givenName", value: `Round ${round}` }] });
      const [removed, patched] = await race(round, () => scim("DELETE", `/scim/v2/Users/${id}`), patch);
      statusOf(removed, [204]);
      statusOf(patched, [200, 404]);
      expect(await agreed(name)).toBe(false);
      expect(await findUserById(acme.key, identityId)).toBeNull();
    }
  });

  it("two PATCHes of different fields at once both take effect, in both stores (no lost update)", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `both.${round}`;
      const identityId = await syncedUser(name, { firstName: "Old", lastName: "Old" });
      const replies = await race(
        round,
        () => patchUser(name, { firstName: `First ${round}` }),
        () => patchUser(name, { lastName: `Last ${round}` }),
      );
      for (const reply of replies) statusOf(reply, [200]);
      expect(await tenantDb(acme).user.findUniqueOrThrow({ where: { username: name } })).toMatchObject({ firstName: `First ${round}`, lastName: `Last ${round}` });
      const realmUser = await (await identityAdmin()).users.findOne({ realm: acme.key, id: identityId });
      expect(realmUser).toMatchObject({ firstName: `First ${round}`, lastName: `Last ${round}` });
      expect(await agreed(name)).toBe(true);
    }
  });

  it("a SCIM PUT racing a REST DELETE: no 500, and both stores agree", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `put.race.${round}`;
      const identityId = await syncedUser(name);
      const id = (await tenantDb(acme).user.findUniqueOrThrow({ where: { username: name } })).id;
      const put = () => scim("PUT", `/scim/v2/Users/${id}`, { schemas: [USER_SCHEMA], userName: name, name: { givenName: "Put" }, active: true });
      const [removed, replaced] = await race(round, () => deleteUser(name), put);
      statusOf(removed, [204]);
      statusOf(replaced, [200, 404]);
      expect(await agreed(name)).toBe(false);
      expect(await findUserById(acme.key, identityId)).toBeNull();
    }
  });
});

describe("memberships and org units at the same time", () => {
  it("a member added while being removed: no 500, and the membership is there exactly when the removal came first", async () => {
    const ou = await createOrgUnit("race-members");
    expect(ou.status).toBe(201);
    const id = String(ou.body.id);
    await syncedUser("m.race");
    for (let round = 0; round < ROUNDS; round++) {
      const present = round % 2 === 1; // odd rounds start with the user a member
      const [added, removed] = await race(
        round,
        () => addMember(id, "m.race"),
        () => removeMember(id, "m.race"),
      );
      const addedStatus = statusOf(added, present ? [201, 409] : [201]);
      const removedStatus = statusOf(removed, present ? [204] : [204, 404]);
      // Whichever ran second decides: an addition after the removal leaves a member.
      const member = await tenantDb(acme).membership.findUnique({ where: { username_orgUnitId: { username: "m.race", orgUnitId: id } } });
      expect(Boolean(member), `round ${round}: add ${addedStatus}, remove ${removedStatus}`).toBe(present ? addedStatus === 201 : removedStatus === 404);
      const listed = await call(members.GET, { host: host(), path: `${base()}/org-units/${id}/members`, key, params: { key: acme.key, id } });
      expect((listed.body.items as Json[]).map((m) => m.username)).toEqual(member ? ["m.race"] : []);
      // Leave the state the next round starts from.
      if (round % 2 === 0 && !member) expect((await addMember(id, "m.race")).status).toBe(201);
      if (round % 2 === 1 && member) expect((await removeMember(id, "m.race")).status).toBe(204);
    }
  });

  it("a user deleted while being added to an org unit: no 500, no membership of a user that is gone", async () => {
    const ou = await createOrgUnit("race-user-delete");
    const id = String(ou.body.id);
    for (let round = 0; round < ROUNDS; round++) {
      const name = `mdel.${round}`;
      await syncedUser(name);
      const [removed, added] = await race(
        round,
        () => deleteUser(name),
        () => addMember(id, name),
      );
      statusOf(removed, [204]);
      statusOf(added, [201, 404]);
      expect(await tenantDb(acme).membership.count({ where: { username: name } })).toBe(0);
      expect(await agreed(name)).toBe(false);
    }
  });

  it("a SCIM group deleted while a member is added to it: the delete removes every member with the group (204), the addition is 200 or 404", async () => {
    const ids = [];
    for (const name of ["g.one", "g.two", "g.late"]) {
      await syncedUser(name);
      ids.push((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: name } })).id);
    }
    const [one, two, late] = ids as [string, string, string];
    for (let round = 0; round < ROUNDS; round++) {
      const group = await scim("POST", "/scim/v2/Groups", { schemas: [GROUP_SCHEMA], displayName: `Race Group ${round}`, members: [{ value: one }, { value: two }] });
      expect(group.status).toBe(201);
      const id = String(group.body.id);
      const add = () => scim("PATCH", `/scim/v2/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: late }] }] });
      const [removed, added] = await race(round, () => scim("DELETE", `/scim/v2/Groups/${id}`), add);
      statusOf(removed, [204]);
      statusOf(added, [200, 404]);
      expect(await tenantDb(acme).orgUnit.count({ where: { id } })).toBe(0);
      expect(await tenantDb(acme).membership.count({ where: { orgUnitId: id } })).toBe(0);
    }
  });

  it("an org unit deleted while being updated or joined: one of them wins, the other 404 or 409, never a 500", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const ou = await createOrgUnit(`race-ou-${round}`);
      const id = String(ou.body.id);
      const [removed, patched] = await race(
        round,
        () => deleteOrgUnit(id),
        () => patchOrgUnit(id, { name: `Renamed ${round}` }),
      );
      statusOf(removed, [204]);
      statusOf(patched, [200, 404]);
      expect(await tenantDb(acme).orgUnit.count({ where: { id } })).toBe(0);
    }
    await syncedUser("ou.joiner");
    for (let round = 0; round < ROUNDS; round++) {
      const ou = await createOrgUnit(`race-join-${round}`);
      const id = String(ou.body.id);
      const [removed, added] = await race(
        round,
        () => deleteOrgUnit(id),
        () => addMember(id, "ou.joiner"),
      );
      const deleted = statusOf(removed, [204, 409]) === 204;
      const joined = statusOf(added, [201, 404]) === 201;
      expect(deleted !== joined, `round ${round}: delete ${removed.status}, add ${added.status}`).toBe(true);
      expect(await tenantDb(acme).orgUnit.count({ where: { id } })).toBe(deleted ? 0 : 1);
      expect(await tenantDb(acme).membership.count({ where: { orgUnitId: id } })).toBe(joined ? 1 : 0);
    }
  });
});
