// `npm run bench -- scim-sync` (issue 6): a SCIM bulk sync of 10,000 users and 500 groups with
// their memberships, sent over HTTP to `next start` the way an identity provider's first sync
// does it: POST /scim/v2/Users for every user, then per group POST /scim/v2/Groups and one PATCH
// adding its members. Each request goes the whole way: the scim key checked, the user written and
// audited, then created in the embedded identity realm; members as memberships (role default).
//
// Printed: users/s, groups/s (with their memberships) and memberships/s, request latency, a
// `userName eq` lookup's latency against the 10,000, and the app's memory (RSS of `next start`
// and its children) before and after. The app runs from its own build (.next-bench-scim, or
// BENCH_DIST_DIR).
// BENCH_QUICK=1 shrinks it to 500 users and 25 groups.
import http from "node:http";
import type { Principal } from "@/lib/permissions/permissions";
import type { Benchmark } from "./lib/context";
import { provisionBenchTenant, BENCH_ACTOR } from "./lib/one-tenant";
import { fmtInt, fmtMs, heading, machineLoad, printTable, summarize } from "./lib/stats";
import { ensureUsersBuild, processMemory, send, startNext, type TimedAnswer } from "./lib/users-app";

const QUICK = process.env.BENCH_QUICK === "1";
const USERS = QUICK ? 500 : 10_000;
const GROUPS = QUICK ? 25 : 500;
const MEMBERS_PER_GROUP = 20;
const WORKERS = 8;
const LOOKUPS = QUICK ? 50 : 200;
const NEXT_DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench-scim";
const ADMIN: Principal = { kind: "user", username: "bench-admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

interface Phase {
  label: string;
  items: number;
  ms: number;
  latencies: number[];
  failures: number;
}

/** Runs `count` jobs with `WORKERS` in flight; each returns the latencies of its requests. */
async function pool(count: number, job: (i: number) => Promise<number[]>): Promise<{ ms: number; latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < count) {
        const i = next++;
        try {
          latencies.push(...(await job(i)));
        } catch (error) {
          failures += 1;
          if (failures <= 3) console.error(`  request ${i} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  return { ms: Date.now() - start, latencies, failures };
}

function expectStatus(answer: TimedAnswer, status: number, what: string): TimedAnswer {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
  return answer;
}

export const scimSync: Benchmark = {
  name: "scim-sync",
  title: `SCIM bulk sync: ${fmtInt(USERS)} users and ${fmtInt(GROUPS)} groups (${MEMBERS_PER_GROUP} members each) over HTTP`,
  async run(ctx) {
    heading(`${scimSync.title}${QUICK ? "  [BENCH_QUICK=1]" : ""}`);
    const build = ensureUsersBuild(ctx.root, NEXT_DIST_DIR, ctx.progress);
    const tenant = await provisionBenchTenant(ctx, "bench-scim");
    const [{ createApiKey }, { createApiKeySchema }] = await Promise.all([import("@/lib/api-keys/service"), import("@/lib/api-keys/schema")]);
    const { secret } = await createApiKey(tenant, ADMIN, createApiKeySchema.parse({ name: "bench scim", scopes: ["scim"] }), BENCH_ACTOR);
    const built = await build;
    ctx.progress(built.built ? `built ${NEXT_DIST_DIR} in ${fmtMs(built.ms)} ms` : `${NEXT_DIST_DIR} is up to date`);

    const server = await startNext({
      root: ctx.root,
      port: ctx.appPort,
      distDir: NEXT_DIST_DIR,
      env: { GATEHOUSE_BASE_URL: `http://localhost:${ctx.appPort}`, GATEHOUSE_CONTROLLER: "false", AUTH_TRUST_HOST: "true", LOG_LEVEL: "silent" },
    });
    ctx.onCleanup(() => server.stop());
    ctx.progress(`app up in ${fmtMs(server.startupMs)} ms (pid ${server.pid})`);

    const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
    const host = `${tenant.key}.localhost:${ctx.appPort}`;
    const headers = { authorization: `Bearer ${secret}`, "content-type": "application/scim+json", accept: "application/scim+json" };
    const scim = (method: string, pathname: string, body?: unknown) =>
      send(agent, ctx.appPort, { method, host, pathname: `/scim/v2${pathname}`, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }, 60_000);

    // Warm the routes (first requests compile nothing under `next start`, but open pools and caches).
    expectStatus(await scim("GET", "/Users?count=1"), 200, "warm-up");
    const memoryBefore = processMemory(server.pid);

    const userIds: string[] = new Array<string>(USERS);
    ctx.progress(`users: ${fmtInt(USERS)} × POST /scim/v2/Users, ${WORKERS} in flight (${machineLoad()})`);
    const users = await pool(USERS, async (i) => {
      const answer = expectStatus(
        await scim("POST", "/Users", {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: `sync.user.${i}@bench.example`,
          externalId: `ext-${i}`,
          name: { givenName: "Sync", familyName: `User ${i}` },
          emails: [{ value: `sync.user.${i}@bench.example`, type: "work", primary: true }],
          active: true,
        }),
        201,
        `user ${i}`,
      );
      userIds[i] = (JSON.parse(answer.body) as { id: string }).id;
      return [answer.ms];
    });
    const memoryAfterUsers = processMemory(server.pid);

    ctx.progress(`groups: ${fmtInt(GROUPS)} × (POST /scim/v2/Groups + PATCH adding ${MEMBERS_PER_GROUP} members) (${machineLoad()})`);
    const groups = await pool(GROUPS, async (g) => {
      const created = expectStatus(
        await scim("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: `Sync Group ${g}`, externalId: `grp-${g}` }),
        201,
        `group ${g}`,
      );
      const { id } = JSON.parse(created.body) as { id: string };
      const members = Array.from({ length: MEMBERS_PER_GROUP }, (_, k) => ({ value: userIds[(g * MEMBERS_PER_GROUP + k) % USERS] }));
      const patched = expectStatus(
        await scim("PATCH", `/Groups/${id}?excludedAttributes=members`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: members }] }),
        200,
        `members of group ${g}`,
      );
      return [created.ms, patched.ms];
    });
    const memoryAfterGroups = processMemory(server.pid);

    ctx.progress(`lookups: ${LOOKUPS} × GET /Users?filter=userName eq "…", one at a time`);
    const lookupMs: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const answer = expectStatus(await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "sync.user.${(i * 37) % USERS}@bench.example"`)}`), 200, "lookup");
      if (!answer.body.includes('"totalResults":1')) throw new Error(`lookup ${i} did not find its user: ${answer.body.slice(0, 200)}`);
      lookupMs.push(answer.ms);
    }
    agent.destroy();

    const phases: Phase[] = [
      { label: "users (POST /Users)", items: USERS, ...users },
      { label: `groups (POST + PATCH ${MEMBERS_PER_GROUP} members)`, items: GROUPS, ...groups },
    ];
    printTable(
      ["phase", "items", "failed", "time", "rate", "request p50", "request p90"],
      phases.map((p) => {
        const s = summarize(p.latencies);
        return [
          p.label,
          fmtInt(p.items),
          fmtInt(p.failures),
          `${(p.ms / 1000).toFixed(1)} s`,
          `${((p.items - p.failures) / (p.ms / 1000)).toFixed(1)} /s`,
          `${fmtMs(s.p50)} ms`,
          `${fmtMs(s.p90)} ms`,
        ];
      }),
    );
    console.log(`  memberships: ${fmtInt(GROUPS * MEMBERS_PER_GROUP)} at ${((GROUPS * MEMBERS_PER_GROUP) / (groups.ms / 1000)).toFixed(1)} /s`);
    const lookups = summarize(lookupMs);
    console.log(`  userName eq lookup among ${fmtInt(USERS)} users: p50 ${fmtMs(lookups.p50)} ms, p90 ${fmtMs(lookups.p90)} ms`);
    const mib = (m: ReturnType<typeof processMemory>) => (m ? `${m.rssMiB.toFixed(0)} MiB RSS (peak ${m.hwmMiB.toFixed(0)} MiB, ${m.processes} processes)` : "n/a");
    console.log(`  app memory: before ${mib(memoryBefore)}; after users ${mib(memoryAfterUsers)}; after groups ${mib(memoryAfterGroups)}`);
    await server.stop();
  },
};
