// Re-checks of verified custom domains at 10,000 tenants, each with a verified domain whose TXT
// record a dns2 server on loopback serves: the background job's idle poll (every
// GATEHOUSE_DOMAIN_CHECK_POLL_MS in every process) and re-check throughput. Loaded by bench/run.ts
// after the environment is set (GATEHOUSE_DNS_SERVERS points at BENCH_DNS_PORT).
import { controlDb } from "@/lib/db/control";
import { runDueDomainChecks } from "@/lib/domains/verification-job";
import { verificationRecordName } from "@/lib/domains/records";
import { startTestDnsServer } from "../tests/support/dns-server";
import type { Benchmark } from "./lib/context";
import { withClient } from "./lib/cluster";
import { seedBenchTenants } from "./lib/seed";
import { fmtInt, fmtMs, fmtSeconds, heading, machineLoad, msSince, printTable, sample, subheading, summarize, verdict } from "./lib/stats";

const TENANTS = 10_000;
const DUE = 2_000;
const IDLE_POLLS = 500;
const TARGET_IDLE_P99_MS = 5;
// One process re-checks every domain of a 10,000-tenant platform in under 10 minutes.
const TARGET_PER_SECOND = TENANTS / 600;

export const domainRecheck: Benchmark = {
  name: "domain-recheck",
  title: `Re-checking verified custom domains with ${fmtInt(TENANTS)} tenants`,
  async run(ctx) {
    heading(this.title);
    ctx.progress(`seeding ${fmtInt(TENANTS)} tenants with a verified domain each`);
    await seedBenchTenants(ctx.controlUrl, TENANTS);
    const dns = await startTestDnsServer(Number(process.env.BENCH_DNS_PORT ?? 5360));
    ctx.onCleanup(() => dns.close());
    const domains = await withClient(ctx.controlUrl, async (c) => {
      // As the migration leaves domains verified before re-checks: first re-check spread over a day.
      await c.query(
        "UPDATE tenant_domains SET last_success_at = verified_at, next_check_at = now() + interval '1 minute' + random() * interval '1 day' WHERE verified_at IS NOT NULL",
      );
      await c.query("ANALYZE tenant_domains");
      return (await c.query<{ hostname: string; verification_token: string }>("SELECT hostname, verification_token FROM tenant_domains WHERE verified_at IS NOT NULL")).rows;
    });
    for (const d of domains) dns.setTxt(verificationRecordName(d.hostname), [d.verification_token]);
    console.log(`  ${fmtInt(domains.length)} verified domains, their TXT records served on ${dns.address}; ${machineLoad()}`);

    subheading("Idle poll (nothing due): runDueDomainChecks()");
    const idle = summarize(await sample(IDLE_POLLS, 50, async () => void (await runDueDomainChecks())));
    const idleMet = idle.p99 < TARGET_IDLE_P99_MS;

    subheading(`Re-checking ${fmtInt(DUE)} due domains in one process (DNS lookup, update, batches of 20)`);
    await withClient(ctx.controlUrl, (c) =>
      c.query(
        `UPDATE tenant_domains SET next_check_at = now() - interval '1 second' WHERE hostname IN (SELECT hostname FROM tenant_domains WHERE verified_at IS NOT NULL ORDER BY hostname LIMIT ${DUE})`,
      ),
    );
    const start = process.hrtime.bigint();
    let checked = 0;
    for (let n = await runDueDomainChecks(); n > 0; n = await runDueDomainChecks()) checked += n;
    const ms = msSince(start);
    const perSecond = checked / (ms / 1_000);
    const stillVerified = await controlDb().tenantDomain.count({ where: { verifiedAt: { not: null }, failingSince: null } });
    const rateMet = perSecond >= TARGET_PER_SECOND && stillVerified === domains.length;

    printTable(
      ["figure", "value", "target", "result"],
      [
        ["idle poll, p50 / p99", `${fmtMs(idle.p50)} / ${fmtMs(idle.p99)} ms`, `p99 < ${TARGET_IDLE_P99_MS} ms`, verdict(idleMet)],
        [
          `re-checks of ${fmtInt(DUE)} due domains`,
          `${fmtInt(checked)} in ${fmtSeconds(ms)} = ${perSecond.toFixed(0)}/s (${fmtMs(ms / Math.max(checked, 1))} ms each)`,
          `≥ ${TARGET_PER_SECOND.toFixed(1)}/s`,
          verdict(rateMet),
        ],
        ["domains still verified and not failing", `${fmtInt(stillVerified)} of ${fmtInt(domains.length)}`, "all", verdict(stillVerified === domains.length)],
      ],
    );
  },
};
