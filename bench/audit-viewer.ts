// `npm run bench -- audit-viewer`: the audit viewer's queries over 1,000,000 events in one tenant.
// Target (issue 5): the viewer stays under 100 ms p50 with 1,000,000 events in a tenant.
import pg from "pg";
import type { Benchmark } from "./lib/context";
import { provisionBenchTenant } from "./lib/one-tenant";
import { fmtInt, fmtMs, heading, machineLoad, printTable, sample, subheading, summarize, verdict } from "./lib/stats";

const QUICK = process.env.BENCH_QUICK === "1";
const EVENTS = QUICK ? 100_000 : 1_000_000;
const SAMPLES = QUICK ? 10 : 50;
const WARMUP = 5;
const TARGET_P50_MS = 100;
const TENANT_KEY = "bench-audit";

/**
 * Bulk-inserts `count` events with generate_series: 500 actors, 12 actions, 4 resource types over
 * 20,000 resources, spread evenly over the last 365 days, each with a small before/after.
 */
async function seedEvents(url: string, count: number): Promise<{ ms: number; size: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const start = Date.now();
    await client.query(
      `INSERT INTO audit_events (occurred_at, actor, action, resource_type, resource_id, ip, user_agent, before, after)
       SELECT now() - make_interval(secs => (365 * 86400.0) * (n::float8 / $1)),
              '${TENANT_KEY}/user-' || (n % 500),
              (ARRAY['user.created','user.updated','user.disabled','user.enabled','user.deleted','user.password_reset',
                     'org_unit.created','org_unit.updated','membership.added','membership.removed','login.succeeded','login.failed'])[1 + n % 12],
              (ARRAY['user','org_unit','membership','api_key'])[1 + n % 4],
              'res-' || (n % 20000),
              '10.0.' || (n % 250) || '.' || (n % 200),
              'Mozilla/5.0 bench',
              jsonb_build_object('enabled', true, 'n', n),
              jsonb_build_object('enabled', n % 2 = 0, 'n', n)
         FROM generate_series(1, $1) AS n`,
      [count],
    );
    await client.query("ANALYZE audit_events");
    const { rows } = await client.query<{ size: string }>("SELECT pg_size_pretty(pg_total_relation_size('audit_events')) AS size");
    return { ms: Date.now() - start, size: rows[0]?.size ?? "?" };
  } finally {
    await client.end();
  }
}

export const auditViewer: Benchmark = {
  name: "audit-viewer",
  title: `audit-viewer — the audit viewer over ${fmtInt(EVENTS)} events in one tenant`,
  async run(ctx) {
    heading(`${auditViewer.title}${QUICK ? "  [BENCH_QUICK=1: reduced size]" : ""}`);
    const tenant = await provisionBenchTenant(ctx, TENANT_KEY);
    const [{ tenantDatabaseUrl }, { listAuditEvents }, { auditFilterSchema }, { loadAuditView }] = await Promise.all([
      import("@/lib/db/tenant-clients"),
      import("@/lib/audit/query"),
      import("@/lib/audit/filter"),
      import("@/lib/audit/viewer"),
    ]);
    ctx.progress(`seeding ${fmtInt(EVENTS)} audit events with one INSERT … SELECT generate_series`);
    const seeded = await seedEvents(tenantDatabaseUrl(tenant), EVENTS);
    ctx.progress(`seeded in ${(seeded.ms / 1000).toFixed(1)} s; audit_events with its indexes: ${seeded.size}`);

    const source = { kind: "tenant" as const, tenant };
    const day = 86_400_000;
    const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
    // A cursor 100 pages deep, followed the way a reader clicks "Older events".
    let deep: string | undefined;
    for (let i = 0; i < 100; i++) deep = (await listAuditEvents(source, auditFilterSchema.parse({ ...(deep ? { after: deep } : {}) }))).next ?? undefined;

    const cases: { label: string; raw: Record<string, string>; kind: "target" | "info" }[] = [
      { label: "first page (no filter)", raw: {}, kind: "target" },
      { label: "actor = user-42 (0.2%)", raw: { actor: `${TENANT_KEY}/user-42` }, kind: "target" },
      { label: "action = login.failed (8%)", raw: { action: "login.failed" }, kind: "target" },
      { label: "resource = org_unit res-1001 (50 events)", raw: { resourceType: "org_unit", resourceId: "res-1001" }, kind: "target" },
      { label: "resource type = api_key (25%)", raw: { resourceType: "api_key" }, kind: "target" },
      { label: "time range: one day, 200 days ago", raw: { from: iso(201 * day), to: iso(200 * day) }, kind: "target" },
      { label: "actor + action never together (all 2,000 of the actor's read)", raw: { actor: `${TENANT_KEY}/user-7`, action: "user.disabled" }, kind: "info" },
      { label: "actor + one week 100 days ago", raw: { actor: `${TENANT_KEY}/user-7`, from: iso(107 * day), to: iso(100 * day) }, kind: "info" },
      { label: "page 101 (keyset cursor)", raw: deep ? { after: deep } : {}, kind: "target" },
      { label: "no match (action = none.such)", raw: { action: "none.such" }, kind: "info" },
    ];
    ctx.progress(`${cases.length} queries × ${SAMPLES} samples after ${WARMUP} warm-up each (${machineLoad()})`);
    const rows: string[][] = [];
    for (const c of cases) {
      const filter = auditFilterSchema.parse(c.raw);
      let count = 0;
      const times = summarize(await sample(SAMPLES, WARMUP, async () => void (count = (await listAuditEvents(source, filter)).items.length)));
      const met = times.p50 < TARGET_P50_MS;
      rows.push([c.label, String(count), fmtMs(times.p50), fmtMs(times.p99), fmtMs(times.max), c.kind === "target" ? verdict(met) : `${met ? "under" : "OVER"} (info)`]);
    }
    subheading(`listAuditEvents(): the viewer's query, in-process through the tenant's Prisma pool, page size 50`);
    printTable(["query", "rows", "p50 ms", "p99 ms", "max ms", `p50 < ${TARGET_P50_MS} ms`], rows);

    // The whole server-side load of /audit: parse the URL's filter, import new login events from
    // the identity server (an admin API call), then the page query.
    const page = summarize(await sample(SAMPLES, WARMUP, async () => void (await loadAuditView(source, {}, tenant))));
    const filtered = summarize(await sample(SAMPLES, WARMUP, async () => void (await loadAuditView(source, { action: "login.failed" }, tenant))));
    subheading("loadAuditView(): the /audit page's data (filter, login-event import from the identity server, query)");
    printTable(
      ["page", "p50 ms", "p99 ms", `p50 < ${TARGET_P50_MS} ms`],
      [
        ["/audit", fmtMs(page.p50), fmtMs(page.p99), verdict(page.p50 < TARGET_P50_MS)],
        ["/audit?action=login.failed", fmtMs(filtered.p50), fmtMs(filtered.p99), verdict(filtered.p50 < TARGET_P50_MS)],
      ],
    );
  },
};
