// The audit trail against the app's own database role (lib/db/app-role.ts): the app writes and
// reads audit events, but a statement it sends — through a bug or an injection — can neither change
// nor remove one, nor take away the triggers that guard them. The schema owner keeps the triggers'
// protection as a second line.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { tenantDatabaseUrl, tenantDb, tenantOwnerDatabaseUrl } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { waitFor } from "@/tests/support/cluster";

const controller = new ProvisioningController();
let acme: ResolvedTenant;

interface Trail {
  name: string;
  table: string;
  triggers: string[];
  refuseFunction: string;
  appUrl: () => string;
  ownerUrl: () => string;
}

const trails: Trail[] = [
  {
    name: "the control plane",
    table: "platform_audit_events",
    triggers: ["platform_audit_events_append_only", "platform_audit_events_no_truncate"],
    refuseFunction: "platform_audit_events_refuse_change",
    appUrl: () => process.env.GATEHOUSE_APP_DATABASE_URL!,
    ownerUrl: () => process.env.DATABASE_URL!,
  },
  {
    name: "a provisioned tenant's database",
    table: "audit_events",
    triggers: ["audit_events_append_only", "audit_events_no_truncate"],
    refuseFunction: "audit_events_refuse_change",
    appUrl: () => tenantDatabaseUrl(acme),
    ownerUrl: () => tenantOwnerDatabaseUrl(acme),
  },
];

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function failure(client: pg.Client, sql: string): Promise<{ code?: string; message: string } | null> {
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code, message };
  }
}

async function state(trail: Trail): Promise<{ rows: number; triggers: string[] }> {
  return withClient(trail.ownerUrl(), async (owner) => {
    const { rows } = await owner.query<{ count: string }>(`SELECT count(*) FROM ${trail.table}`);
    const triggers = await owner.query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgenabled = 'O' ORDER BY tgname", [
      trail.table,
    ]);
    return { rows: Number(rows[0]?.count), triggers: triggers.rows.map((r) => r.tgname) };
  });
}

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  await recordTenantEvent(tenantDb(acme), TEST_ACTOR, { action: "test.tamper", resourceType: "user", resourceId: "someone" });
  await recordPlatformEvent(controlDb(), TEST_ACTOR, { action: "test.tamper", resourceType: "tenant", resourceId: acme.id, tenantId: acme.id });
}, 120_000);

afterAll(async () => {
  await closeTestResources(controller);
});

describe.each(trails)("the audit trail of $name", (trail) => {
  it("is written and read by the app's own role, not the owner's", async () => {
    const appUser = decodeURIComponent(new URL(trail.appUrl()).username);
    expect(appUser).not.toBe(decodeURIComponent(new URL(trail.ownerUrl()).username));
    await withClient(trail.appUrl(), async (app) => {
      expect((await app.query("SELECT current_user AS name")).rows[0].name).toBe(appUser);
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM ${trail.table} WHERE action = 'test.tamper'`);
      expect(rows[0].n).toBeGreaterThan(0);
    });
  });

  it("cannot be changed, removed or unguarded by the app's role: every attempt is a permission error", async () => {
    const before = await state(trail);
    expect(before.triggers).toEqual(trail.triggers);
    const attempts = [
      `UPDATE ${trail.table} SET actor = 'someone else'`,
      `DELETE FROM ${trail.table}`,
      `TRUNCATE ${trail.table}`,
      `DROP TRIGGER ${trail.triggers[0]} ON ${trail.table}`,
      `DROP TRIGGER ${trail.triggers[1]} ON ${trail.table}`,
      `ALTER TABLE ${trail.table} DISABLE TRIGGER ALL`,
      `ALTER TABLE ${trail.table} DISABLE TRIGGER ${trail.triggers[0]}`,
      `ALTER TABLE ${trail.table} RENAME TO ${trail.table}_old`,
      `ALTER TABLE ${trail.table} ADD COLUMN forged text`,
      `DROP TABLE ${trail.table}`,
      `CREATE OR REPLACE FUNCTION ${trail.refuseFunction}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
      `DROP FUNCTION ${trail.refuseFunction}() CASCADE`,
      `SET session_replication_role = replica`,
    ];
    await withClient(trail.appUrl(), async (app) => {
      for (const sql of attempts) {
        const refused = await failure(app, sql);
        expect(refused, sql).not.toBeNull();
        expect(refused!.code, sql).toBe("42501"); // insufficient_privilege
        expect(refused!.message, sql).toMatch(/permission denied|must be owner/);
      }
    });
    expect(await state(trail)).toEqual(before);
  });

  it("stays guarded by its triggers for the owner too", async () => {
    const before = await state(trail);
    await withClient(trail.ownerUrl(), async (owner) => {
      for (const sql of [`UPDATE ${trail.table} SET actor = 'someone else'`, `DELETE FROM ${trail.table}`, `TRUNCATE ${trail.table}`]) {
        expect((await failure(owner, sql))?.message, sql).toMatch(/append-only/);
      }
    });
    expect(await state(trail)).toEqual(before);
  });
});

describe("the app's role in a tenant database", () => {
  it("keeps the DML the app needs on the other tables, and nothing on the migrations", async () => {
    await withClient(tenantDatabaseUrl(acme), async (app) => {
      await app.query("BEGIN");
      await app.query("UPDATE users SET first_name = first_name");
      await app.query("DELETE FROM set_password_links WHERE false");
      await app.query("ROLLBACK");
      expect((await app.query("SELECT count(*)::int AS n FROM pgmigrations")).rows[0].n).toBeGreaterThan(0);
      expect((await failure(app, "DELETE FROM pgmigrations"))?.code).toBe("42501");
      expect((await failure(app, "TRUNCATE users"))?.code).toBe("42501");
      expect((await failure(app, "CREATE TABLE forged (id int)"))?.code).toBe("42501");
    });
  });

  it("gets its grants again from the controller when they are missing (a deployment that just configured the role)", async () => {
    const role = decodeURIComponent(new URL(tenantDatabaseUrl(acme)).username);
    await withClient(tenantOwnerDatabaseUrl(acme), (owner) => owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`));
    await controlDb().tenant.update({ where: { id: acme.id }, data: { appRole: null } });
    await expect(tenantDb(acme).user.count()).rejects.toThrow(/permission denied/);

    const upgraded = new ProvisioningController();
    try {
      await upgraded.start();
      await waitFor(
        () =>
          tenantDb(acme)
            .user.count()
            .then(
              () => true,
              () => false,
            ),
        "the app's grants in the tenant database",
        60_000,
      );
    } finally {
      await upgraded.stop();
    }
    expect((await controlDb().tenant.findUniqueOrThrow({ where: { id: acme.id } })).appRole).toBe(role);
  });
});
