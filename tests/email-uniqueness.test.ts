// First: it prepares the globals Next's request stores need before anything loads them.
import { asRequest } from "@/tests/support/server-action";
// One email, one user: the realm keeps emails unique (case-insensitively), so the tenant database
// does too — refused up front as `conflict` on `email` by REST (409), SCIM (409 uniqueness) and
// the workspace form (next to the Email field), also when two creations race; and the migration
// that adds the index makes an old database with duplicates safe.
import fs from "node:fs/promises";
import pg from "pg";
import { runner } from "node-pg-migrate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The guard package refuses any import outside a React server build; the actions are server code.
vi.mock("server-only", () => ({}));
import { tenantDatabaseUrl, tenantDb } from "@/lib/db/tenant-clients";
import { migrate, migrationsDir } from "@/lib/db/migrate";
import { databaseUrl, quoteIdent } from "@/lib/db/urls";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Principal } from "@/lib/permissions/permissions";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { findUserByUsername } from "@/lib/identity/users";
import { createUserAction, updateUserAction } from "@/lib/edge/actions/users";
import { initialFormState } from "@/lib/forms/form-state";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { clusterUrl } from "@/tests/support/cluster";
import { call, sessionCookie, type Json } from "@/tests/support/api";
import { ERROR_SCHEMA, scimClient, USER_SCHEMA } from "@/tests/support/scim";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let key: string;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const host = () => `${acme.key}.localhost:3000`;
const base = () => `/api/v1/tenants/${acme.key}`;
const create = (body: Json) => call(users.POST, { host: host(), path: `${base()}/users`, method: "POST", key, params: { key: acme.key }, body });
const patch = (username: string, body: Json) =>
  call(user.PATCH, { host: host(), path: `${base()}/users/${username}`, method: "PATCH", key, params: { key: acme.key, username }, body });
const rows = (username: string) => tenantDb(acme).user.count({ where: { username } });

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  key = (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "emails", scopes: PERMISSIONS }), TEST_ACTOR)).secret;
  expect(await create({ username: "dana", email: "Dana@Example.com", passwordMode: "none" })).toMatchObject({ status: 201 });
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("one email, one user", () => {
  it("REST: a second user with a taken email (any case) is a 409 conflict on email; nothing is written in either store", async () => {
    const refused = await create({ username: "dana.two", email: "dana@EXAMPLE.com", passwordMode: "none" });
    expect(refused).toMatchObject({ status: 409, body: { code: "conflict", fields: { email: expect.any(String) } } });
    expect(await rows("dana.two")).toBe(0);
    expect(await findUserByUsername(acme.key, "dana.two")).toBeNull();
    expect(await tenantDb(acme).auditEvent.count({ where: { resourceId: "dana.two" } })).toBe(0);
  });

  it("REST: of two creations racing for one email, one is created and the other is a 409 — never a 500, never a failed user", async () => {
    const raced = await Promise.all(["race.one", "race.two"].map((username) => create({ username, email: "race@example.com", passwordMode: "none" })));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(raced.find((r) => r.status === 409)?.body).toMatchObject({ code: "conflict", fields: { email: expect.any(String) } });
    const stored = await tenantDb(acme).user.findMany({ where: { email: "race@example.com" }, select: { provisioningState: true } });
    expect(stored).toEqual([{ provisioningState: "synced" }]);
  });

  it("REST: changing a user's email to a taken one is a 409 conflict on email; the user keeps theirs", async () => {
    expect((await create({ username: "eli", email: "eli@example.com", passwordMode: "none" })).status).toBe(201);
    expect(await patch("eli", { email: "DANA@example.com" })).toMatchObject({ status: 409, body: { code: "conflict", fields: { email: expect.any(String) } } });
    expect(await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "eli" } })).toMatchObject({ email: "eli@example.com", provisioningState: "synced" });
    // Their own address, in another case, is not someone else's.
    expect(await patch("eli", { email: "Eli@Example.com" })).toMatchObject({ status: 200, body: { email: "Eli@Example.com" } });
    // Another change takes the address at the same moment (not committed when the check looks):
    // the index refuses this one once that commits, still as a conflict on email.
    expect((await create({ username: "fay", passwordMode: "none" })).status).toBe(201);
    const other = new pg.Client({ connectionString: tenantDatabaseUrl(acme) });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("UPDATE users SET email = 'shared@example.com' WHERE username = 'fay'");
      const racing = patch("eli", { email: "Shared@example.com" });
      const blocked = async () => Number((await other.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted")).rows[0]?.n ?? 0);
      for (let i = 0; i < 100 && (await blocked()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await other.query("COMMIT");
      expect(await racing).toMatchObject({ status: 409, body: { code: "conflict", fields: { email: expect.any(String) } } });
    } finally {
      await other.end();
    }
    expect(await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "eli" } })).toMatchObject({ email: "Eli@Example.com" });
  });

  it("SCIM: a user with a taken email is 409 uniqueness, and nothing is created", async () => {
    const scim = scimClient(acme, (await createApiKey(acme, admin, createApiKeySchema.parse({ name: "scim emails", scopes: ["scim"] }), TEST_ACTOR)).secret);
    const refused = await scim("POST", "/scim/v2/Users", { schemas: [USER_SCHEMA], userName: "dana.scim", emails: [{ value: "dana@example.com", primary: true }] });
    expect(refused).toMatchObject({ status: 409, body: { schemas: [ERROR_SCHEMA], scimType: "uniqueness", detail: expect.stringContaining("email") } });
    expect(await rows("dana.scim")).toBe(0);
  });

  it("the workspace form: the refusal sits next to the Email field", async () => {
    const tenantAdmin = { host: host(), cookie: await sessionCookie(acme, "ada", ["tenant-admin"]) };
    const created = await asRequest(tenantAdmin, () =>
      createUserAction(null, initialFormState, form({ username: "dana.form", email: "dana@example.com", tenantRole: "member", passwordMode: "none" })),
    );
    expect(created).toMatchObject({ ok: false, code: "conflict", fieldErrors: { email: expect.stringContaining("email") } });
    expect(await rows("dana.form")).toBe(0);
    const updated = await asRequest(tenantAdmin, () => updateUserAction(null, "eli", initialFormState, form({ email: "dana@example.com", firstName: "Eli" })));
    expect(updated).toMatchObject({ ok: false, code: "conflict", fieldErrors: { email: expect.any(String) } });
    expect((await tenantDb(acme).user.findUniqueOrThrow({ where: { username: "eli" } })).firstName).toBeNull();
  });
});

describe("the migration adding the unique index", () => {
  const name = `gh_email_dups_${Date.now()}`;
  const cluster = () => new pg.Client({ connectionString: clusterUrl() });

  afterAll(async () => {
    const c = cluster();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await c.end();
  });

  it("keeps each address on one user (the synced one, else the oldest), clears it on the others with an audit event, then refuses duplicates", async () => {
    const c = cluster();
    await c.connect();
    await c.query(`CREATE DATABASE ${quoteIdent(name)}`);
    await c.end();
    const url = databaseUrl(clusterUrl(), name);
    // An old database: every migration before the one that adds the index.
    const files = (await fs.readdir(migrationsDir("tenant"))).filter((f) => f.endsWith(".sql")).sort();
    const index = files.findIndex((f) => /users_email_unique/.test(f));
    expect(index).toBeGreaterThan(0);
    await runner({
      databaseUrl: url,
      dir: migrationsDir("tenant"),
      direction: "up",
      count: index,
      migrationsTable: "pgmigrations",
      singleTransaction: true,
      checkOrder: true,
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`INSERT INTO users (username, email, provisioning_state, created_at) VALUES
        ('first.failed', 'Same@Example.com', 'failed', now() - interval '3 days'),
        ('second.synced', 'same@example.com', 'synced', now() - interval '2 days'),
        ('third.pending', 'SAME@example.com', 'pending', now() - interval '1 day'),
        ('old.a', 'pair@example.com', 'failed', now() - interval '2 days'),
        ('old.b', 'PAIR@example.com', 'failed', now() - interval '1 day'),
        ('alone', 'alone@example.com', 'synced', now()),
        ('nobody', NULL, 'synced', now()),
        ('nobody.too', NULL, 'synced', now())`);
      await migrate("tenant", url);

      const { rows: after } = await db.query<{ username: string; email: string | null }>("SELECT username, email FROM users ORDER BY username");
      expect(after).toEqual([
        { username: "alone", email: "alone@example.com" },
        { username: "first.failed", email: null },
        { username: "nobody", email: null },
        { username: "nobody.too", email: null },
        { username: "old.a", email: "pair@example.com" },
        { username: "old.b", email: null },
        { username: "second.synced", email: "same@example.com" },
        { username: "third.pending", email: null },
      ]);
      const { rows: events } = await db.query<{ resource_id: string; action: string; before: Json; after: Json }>(
        "SELECT resource_id, action, before, after FROM audit_events WHERE action = 'user.email_cleared' ORDER BY resource_id",
      );
      expect(events).toEqual([
        {
          resource_id: "first.failed",
          action: "user.email_cleared",
          before: { email: "Same@Example.com" },
          after: expect.objectContaining({ email: null, keptBy: "second.synced" }),
        },
        { resource_id: "old.b", action: "user.email_cleared", before: { email: "PAIR@example.com" }, after: expect.objectContaining({ email: null, keptBy: "old.a" }) },
        {
          resource_id: "third.pending",
          action: "user.email_cleared",
          before: { email: "SAME@example.com" },
          after: expect.objectContaining({ email: null, keptBy: "second.synced" }),
        },
      ]);
      await expect(db.query("INSERT INTO users (username, email) VALUES ('late', 'ALONE@example.com')")).rejects.toMatchObject({ code: "23505" });
    } finally {
      await db.end();
    }
  });
});
