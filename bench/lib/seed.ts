// Bulk seeding of benchmark tenants and custom domains with plain SQL (one statement per table).
// Import only after process.env.DATABASE_URL is set (it loads app modules).
import { randomUUID } from "node:crypto";
import { latestMigration } from "@/lib/db/migrate";
import { appRole } from "@/lib/db/app-role";
import { initialStepRows } from "@/lib/provisioning/steps";
import { databaseNameFor } from "@/lib/tenants/records";
import type { ProvisioningTenant } from "@/lib/provisioning/steps";
import { withClient } from "./cluster";
import { msSince } from "./stats";

export const benchKey = (n: number): string => `bench-${String(n).padStart(5, "0")}`;
export const benchDomain = (n: number): string => `login.${benchKey(n)}.example`;
export const benchDisplayName = (n: number): string => `Bench tenant ${String(n).padStart(5, "0")}`;

export interface SeedReport {
  /** [what, milliseconds] per statement, in order. */
  steps: Array<[string, number]>;
  totalMs: number;
}

/**
 * Seeds one customer owning `count` active dedicated tenants `bench-00001…`, each with a verified
 * custom domain `login.<key>.example`. The tenants are seeded as fully provisioned (every step
 * `done`, schema_version = latest tenant migration, app_role = the app's) so the app's provisioning controller leaves
 * them alone; their databases are not created.
 */
export async function seedBenchTenants(controlUrl: string, count: number): Promise<SeedReport> {
  const steps: Array<[string, number]> = [];
  const totalStart = process.hrtime.bigint();
  const ids = Array.from({ length: count }, () => randomUUID());
  const dbNames = ids.map((id) => databaseNameFor(id));
  const schemaVersion = await latestMigration("tenant");
  const stepRows = initialStepRows();

  await withClient(controlUrl, async (client) => {
    const run = async (what: string, sql: string, params: unknown[]) => {
      const start = process.hrtime.bigint();
      const result = await client.query(sql, params);
      steps.push([`${what} (${result.rowCount ?? 0} rows)`, msSince(start)]);
      return result;
    };
    await client.query("BEGIN");
    const customer = await run(
      "customer",
      `INSERT INTO customers (kind, legal_name, display_name, address_line1, city, state, postal_code, country,
                              contact_name, contact_email, contact_phone, tenancy, verification_status)
       VALUES ('business', 'Bench Load Testing Private Limited', 'Bench Load', '1 Bench Road', 'Pune', 'Maharashtra',
               '411001', 'IN', 'Bench Operator', 'bench@bench.example', '+919800000000', 'dedicated', 'completed')
       RETURNING id`,
      [],
    );
    const customerId = (customer.rows[0] as { id: string } | undefined)?.id;
    if (!customerId) throw new Error("customer insert returned no id");
    await run(
      "tenants",
      `INSERT INTO tenants (id, key, display_name, kind, status, customer_id, database_name, schema_version, app_role, activated_at)
       SELECT t.id, 'bench-' || lpad(t.n::text, 5, '0'), 'Bench tenant ' || lpad(t.n::text, 5, '0'),
              'dedicated', 'active', $3, t.db, $4, $5, now()
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, db, n)`,
      [ids, dbNames, customerId, schemaVersion, appRole()],
    );
    await run(
      "provisioning_steps (all done)",
      `INSERT INTO provisioning_steps (tenant_id, step, position, status, attempts, started_at, done_at)
       SELECT t.id, s.step, s.position, 'done', 1, now(), now()
       FROM unnest($1::uuid[]) AS t(id) CROSS JOIN unnest($2::text[], $3::int[]) AS s(step, position)`,
      [ids, stepRows.map((s) => s.step), stepRows.map((s) => s.position)],
    );
    await run(
      "tenant_domains (verified)",
      `INSERT INTO tenant_domains (hostname, tenant_id, verified_at)
       SELECT 'login.' || key || '.example', id, now() FROM tenants WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await client.query("COMMIT");
    await run("ANALYZE", "ANALYZE customers, tenants, provisioning_steps, tenant_domains", []);
  });
  return { steps, totalMs: msSince(totalStart) };
}

/** The seeded tenants with these keys, in the shape the provisioning steps take. */
export async function tenantsByKey(controlUrl: string, keys: string[]): Promise<ProvisioningTenant[]> {
  return withClient(controlUrl, async (client) => {
    const { rows } = await client.query<{ id: string; key: string; display_name: string; kind: ProvisioningTenant["kind"]; database_name: string; database_url: string | null }>(
      "SELECT id, key, display_name, kind, database_name, database_url FROM tenants WHERE key = ANY($1::text[]) ORDER BY key",
      [keys],
    );
    return rows.map((r) => ({ id: r.id, key: r.key, displayName: r.display_name, kind: r.kind, databaseName: r.database_name, databaseUrl: r.database_url }));
  });
}
