// `npm run bench -- audit-overhead`: what the audit write adds to a user create.
// Target (issue 5): audit writes add under 10% to the time of a user create.
//
// Measured honestly without a switch in the app's code: (A) the full createTenantUser (database
// transaction with its audit event, then the identity sync), and (B, C) its database transaction
// alone, without and with the audit insert, interleaved so drift hits both alike. The audit write
// costs C − B, or the insert's own time inside C, whichever is larger (the conservative figure);
// the target holds it against A, the create a caller waits for. Its share of B is shown too.
import type { Benchmark } from "./lib/context";
import { BENCH_ACTOR, provisionBenchTenant } from "./lib/one-tenant";
import { fmtMs, fmtPct, heading, machineLoad, msSince, printTable, sample, subheading, summarize, verdict } from "./lib/stats";

const QUICK = process.env.BENCH_QUICK === "1";
const FULL_CREATES = QUICK ? 50 : 300;
const DB_PAIRS = QUICK ? 200 : 2_000;
const EXISTING_EVENTS = QUICK ? 10_000 : 100_000;
const TARGET = 0.1;

export const auditOverhead: Benchmark = {
  name: "audit-overhead",
  title: "audit-overhead — the audit write's share of a user create",
  async run(ctx) {
    heading(`${auditOverhead.title}${QUICK ? "  [BENCH_QUICK=1: fewer samples]" : ""}`);
    const tenant = await provisionBenchTenant(ctx, "bench-audit-cost");
    const [{ tenantDb }, { createTenantUser }, { createUserSchema }, { recordTenantEvent }] = await Promise.all([
      import("@/lib/db/tenant-clients"),
      import("@/lib/users/commands"),
      import("@/lib/users/schema"),
      import("@/lib/audit/tenant-events"),
    ]);
    const db = tenantDb(tenant);
    ctx.progress(`seeding ${EXISTING_EVENTS.toLocaleString("en-US")} existing events (the indexes are not empty)`);
    await db.$executeRaw`INSERT INTO audit_events (occurred_at, actor, action, resource_type, resource_id)
      SELECT now() - make_interval(secs => n), 'bench/seed-' || (n % 100), 'user.updated', 'user', 'seed-' || n FROM generate_series(1, ${EXISTING_EVENTS}::int) AS n`;

    let n = 0;
    const input = () => createUserSchema.parse({ username: `user-${++n}`, email: `user-${n}@example.com`, firstName: "Bench", lastName: "User", passwordMode: "none" });

    ctx.progress(`A: ${FULL_CREATES} createTenantUser calls, one at a time, identity sync included (${machineLoad()})`);
    const full = summarize(await sample(FULL_CREATES, 10, async () => void (await createTenantUser(tenant, input(), { kind: "superadmin" }, BENCH_ACTOR))));

    // B and C: the same transaction createTenantUser runs, without and with its audit event.
    const userRow = (data: ReturnType<typeof input>) => ({
      username: data.username,
      email: data.email ?? null,
      firstName: data.firstName ?? null,
      lastName: data.lastName ?? null,
      provisioningState: "pending" as const,
    });
    const without: number[] = [];
    const withAudit: number[] = [];
    const auditAlone: number[] = [];
    ctx.progress(`B/C: ${DB_PAIRS} interleaved pairs of the database transaction without / with the audit insert`);
    for (let i = 0; i < DB_PAIRS + 20; i++) {
      const b = input();
      let start = process.hrtime.bigint();
      await db.$transaction(async (tx) => void (await tx.user.create({ data: userRow(b) })));
      const bMs = msSince(start);
      const c = input();
      start = process.hrtime.bigint();
      let insertMs = 0;
      await db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: userRow(c) });
        const insertStart = process.hrtime.bigint();
        await recordTenantEvent(tx, BENCH_ACTOR, { action: "user.created", resourceType: "user", resourceId: user.username, after: { ...user, tenantRole: "member" } });
        insertMs = msSince(insertStart);
      });
      if (i < 20) continue; // warm-up
      without.push(bMs);
      withAudit.push(msSince(start));
      auditAlone.push(insertMs);
    }
    const b = summarize(without);
    const c = summarize(withAudit);
    const insert = summarize(auditAlone);
    const added = Math.max(0, c.p50 - b.p50);
    const cost = Math.max(added, insert.p50);

    subheading("Times (ms)");
    printTable(
      ["what", "p50", "p90", "p99"],
      [
        ["A  createTenantUser (transaction with audit + identity sync)", fmtMs(full.p50), fmtMs(full.p90), fmtMs(full.p99)],
        ["B  its transaction without the audit insert", fmtMs(b.p50), fmtMs(b.p90), fmtMs(b.p99)],
        ["C  its transaction with the audit insert", fmtMs(c.p50), fmtMs(c.p90), fmtMs(c.p99)],
        ["   the audit insert alone, timed inside C", fmtMs(insert.p50), fmtMs(insert.p90), fmtMs(insert.p99)],
      ],
    );
    subheading("The audit write's share");
    printTable(
      ["figure", "value", "target"],
      [
        ["the audit write (the larger of the two below) / full create (A, p50)", fmtPct(cost / full.p50), `< 10% — ${verdict(cost / full.p50 < TARGET)}`],
        ["  audit insert alone (p50) / A", fmtPct(insert.p50 / full.p50), ""],
        ["  added by the audit write (C − B, p50) / A", fmtPct(added / full.p50), "(a difference of two medians: noisy)"],
        ["added by the audit write / the database transaction alone (B)", fmtPct(added / b.p50), "(info: the database part only)"],
      ],
    );
  },
};
