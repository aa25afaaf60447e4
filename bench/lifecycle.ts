// Tenant lifecycle, quotas and export at scale (issue 5, part B). With 100,000 users, 1,000 org
// units and ~60,000 memberships in one tenant's database:
//   1. the quota check alone (advisory lock + count inside a transaction, rolled back), per resource;
//   2. creating an org unit with and without the quota check (the same transaction otherwise);
//   3. the export of the whole tenant (zip of JSON + CSV): time, size, memory;
//   4. deleting the tenant (realm disabled in the same call) and purging it after retention
//      (realm deleted, database dropped, key released) through the provisioning controller.
// No target is set for these by the issue; the figures say what a superadmin or admin waits for.
//
// `npm run bench -- lifecycle` (BENCH_QUICK=1: 10,000 users, fewer samples).
import { randomBytes } from "node:crypto";
import type { BenchContext, Benchmark } from "./lib/context";
import { fmtInt, fmtMs, heading, machineLoad, msSince, printTable, summarize } from "./lib/stats";
import { seedTenantUsers } from "./lib/users-seed";

const QUICK = process.env.BENCH_QUICK === "1";
const SEED_USERS = QUICK ? 10_000 : 100_000;
const SEED_ORG_UNITS = QUICK ? 100 : 1_000;
const SEED_MEMBERSHIP_USERS = QUICK ? 5_000 : 50_000;
const SAMPLES = QUICK ? 50 : 300;
const TENANT_KEY = "bench-lifecycle";
const ACTOR = { actor: "bench:lifecycle", ip: "127.0.0.1", userAgent: "bench" };

async function sample(count: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    out.push(msSince(start));
  }
  return out;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function run(ctx: BenchContext): Promise<void> {
  process.env.DATABASE_URL = ctx.controlUrl;
  process.env.GATEHOUSE_SECRET_KEY = randomBytes(32).toString("base64");
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME = "superadmin";
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD = randomBytes(12).toString("base64url");
  delete process.env.KEYCLOAK_URL;

  heading(`${lifecycle.title}${QUICK ? "  [BENCH_QUICK=1: reduced sizes and samples]" : ""}`);
  console.log(`  ${machineLoad()} at the start.`);
  const { startEmbeddedIdentity } = await import("@/scripts/embedded-identity");
  const identity = await startEmbeddedIdentity({ clusterUrl: ctx.clusterUrl, port: ctx.idpPort });
  ctx.onCleanup(() => identity.server.close());
  Object.assign(process.env, identity.env);

  const [
    { createCustomer },
    { ProvisioningController },
    { businessCustomer },
    { controlDb },
    { tenantDb, tenantDatabaseUrl },
    { enforceQuota },
    { createOrgUnit },
    { exportTenant },
    { changeTenantLifecycle },
    { databaseExists },
    { setQuotaOverrides },
  ] = await Promise.all([
    import("@/lib/customers/service"),
    import("@/lib/provisioning/controller"),
    import("@/tests/support/fixtures"),
    import("@/lib/db/control"),
    import("@/lib/db/tenant-clients"),
    import("@/lib/quotas/enforce"),
    import("@/lib/org-units/service"),
    import("@/lib/export/tenant-export"),
    import("@/lib/tenants/lifecycle"),
    import("@/tests/support/cluster"),
    import("@/lib/quotas/limits"),
  ]);
  process.env.GATEHOUSE_TEST_CLUSTER_URL = ctx.clusterUrl; // databaseExists() reads it
  const controller = new ProvisioningController();
  ctx.onCleanup(() => controller.stop());

  const { tenantId } = await createCustomer(businessCustomer({ tenantKey: TENANT_KEY, tenantDisplayName: "Bench Lifecycle" }), ACTOR);
  const select = { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true } as const;
  for (let attempt = 0; attempt < 4; attempt++) {
    await controller.reconcile(tenantId);
    if ((await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } })).status === "active") break;
  }
  const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId }, select });
  if (tenant.status !== "active") throw new Error("tenant did not become active");
  ctx.progress(`seeding ${fmtInt(SEED_USERS)} users, ${fmtInt(SEED_ORG_UNITS)} org units and memberships`);
  const seed = await seedTenantUsers(tenantDatabaseUrl(tenant), { users: SEED_USERS, orgUnits: SEED_ORG_UNITS, usersWithMembership: SEED_MEMBERSHIP_USERS });
  // Room for the seeded data (the defaults are below it): the checks below measure, they must not refuse.
  await setQuotaOverrides(tenantId, { users: 1_000_000, orgUnits: 100_000, memberships: 1_000_000, apiKeys: null }, ACTOR);
  console.log(`  seeded: ${fmtInt(seed.counts.users)} users, ${fmtInt(seed.counts.orgUnits)} org units, ${fmtInt(seed.counts.memberships)} memberships`);

  // 1. The quota check alone.
  ctx.progress("1. quota check per resource");
  const db = tenantDb(tenant);
  const rollback = new Error("rollback");
  const rows: string[][] = [];
  for (const resource of ["users", "orgUnits", "memberships", "apiKeys"] as const) {
    const times = await sample(SAMPLES, () =>
      db
        .$transaction(async (tx) => {
          await enforceQuota(tx, tenant, resource);
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        }),
    );
    const s = summarize(times);
    rows.push([resource, fmtMs(s.p50), fmtMs(s.p99)]);
  }
  console.log("\n  1. Quota check (override lookup in the control plane + advisory lock + usage counter, or the count of active API keys), transaction rolled back:");
  printTable(["resource", "p50 ms", "p99 ms"], rows);

  // 2. An org unit created with and without the check (the same transaction otherwise), alternating.
  ctx.progress("2. org unit creation with and without the quota check");
  const withCheck: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    let start = process.hrtime.bigint();
    await createOrgUnit(tenant, { identifier: `bench-q-${i}`, name: `Bench ${i}` }, ACTOR);
    withCheck.push(msSince(start));
    start = process.hrtime.bigint();
    await db.$transaction(async (tx) => {
      const created = await tx.orgUnit.create({ data: { identifier: `bench-n-${i}`, name: `Bench ${i}` } });
      await tx.auditEvent.create({ data: { actor: ACTOR.actor, action: "org_unit.created", resourceType: "org_unit", resourceId: created.id } });
    });
    without.push(msSince(start));
  }
  const [a, b] = [summarize(withCheck), summarize(without)];
  console.log("\n  2. Creating an org unit (with its audit event):");
  printTable(
    ["", "p50 ms", "p99 ms"],
    [
      ["createOrgUnit (quota enforced)", fmtMs(a.p50), fmtMs(a.p99)],
      ["the same insert + audit, no quota check", fmtMs(b.p50), fmtMs(b.p99)],
    ],
  );

  // 3. Export.
  ctx.progress("3. export of the whole tenant");
  const rssBefore = process.memoryUsage().rss;
  const exportStart = process.hrtime.bigint();
  const exported = await exportTenant(tenant, ACTOR, "console");
  const exportMs = msSince(exportStart);
  const rssAfter = process.memoryUsage().rss;
  console.log(
    `\n  3. Export: ${fmtInt(exported.counts.users)} users, ${fmtInt(exported.counts.orgUnits)} org units, ${fmtInt(exported.counts.memberships)} memberships → zip of ${mib(exported.zip.byteLength)} in ${fmtMs(exportMs)} ms; RSS ${mib(rssBefore)} → ${mib(rssAfter)}`,
  );

  // 4. Delete and purge.
  ctx.progress("4. delete, then purge once retention is over (its deadline moved to now)");
  await changeTenantLifecycle(tenantId, { action: "suspend", reason: "bench" }, ACTOR);
  const deleteStart = process.hrtime.bigint();
  await changeTenantLifecycle(tenantId, { action: "delete", reason: "bench" }, ACTOR);
  const deleteMs = msSince(deleteStart);
  await controlDb().tenant.update({ where: { id: tenantId }, data: { purgeAfter: new Date() } });
  const purgeStart = process.hrtime.bigint();
  await controller.queueDuePurges();
  await controller.reconcile(tenantId);
  const purgeMs = msSince(purgeStart);
  const purged = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
  if (!purged.purgedAt || (await databaseExists(tenant.databaseName))) throw new Error("the purge did not complete");
  console.log(
    `\n  4. Delete (status + audit + realm disabled): ${fmtMs(deleteMs)} ms; purge (realm deleted, database of ${fmtInt(seed.counts.users)} users dropped, key released): ${fmtMs(purgeMs)} ms`,
  );
}

export const lifecycle: Benchmark = { name: "lifecycle", title: "Tenant lifecycle, quotas and export at scale", run };
