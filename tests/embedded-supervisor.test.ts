// The launcher's watch over the embedded PostgreSQL it started (lib/db/supervise.ts): a cluster
// that dies is started again; one that cannot be is reported, so the launcher exits loudly.
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded-postgres";
import { superviseEmbeddedPostgres } from "@/lib/db/supervise";

const dataDir = path.resolve(process.env.GATEHOUSE_TEST_DATA_DIR ?? ".data/test", "supervised-postgres");
const port = Number(process.env.GATEHOUSE_TEST_SUPERVISED_PG_PORT ?? 54338);
let server: RunningPostgres | undefined;

afterAll(async () => {
  await server?.stop().catch(() => {});
});

async function query(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PostgreSQL's immediate shutdown, as if it crashed: the postmaster and its children quit at once. */
async function crash(): Promise<void> {
  const pid = Number((await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  process.kill(pid, "SIGQUIT");
}

describe("the embedded PostgreSQL's supervisor", () => {
  it("starts a crashed cluster again", async () => {
    server = await startEmbeddedPostgres({ dataDir, port, databases: [] });
    const logged: string[] = [];
    const stop = superviseEmbeddedPostgres({
      clusterUrl: server.clusterUrl,
      intervalMs: 300,
      restart: async () => {
        server = await startEmbeddedPostgres({ dataDir, port, databases: [] });
      },
      giveUp: (reason) => logged.push(`gave up: ${reason}`),
      log: (message) => logged.push(message),
    });
    try {
      await crash();
      await expect.poll(() => query(server!.clusterUrl), { timeout: 20_000, interval: 250 }).toBe(false);
      await expect.poll(() => logged.includes("the embedded PostgreSQL is back"), { timeout: 30_000, interval: 250 }).toBe(true);
      expect(await query(server.clusterUrl)).toBe(true);
    } finally {
      stop();
    }
  }, 60_000);

  it("gives up, saying why, when the cluster cannot be started again", async () => {
    const reasons: string[] = [];
    const stop = superviseEmbeddedPostgres({
      clusterUrl: server!.clusterUrl,
      intervalMs: 300,
      restart: async () => {
        throw new Error("disk full");
      },
      giveUp: (reason) => reasons.push(reason),
      log: () => {},
    });
    try {
      await crash();
      await expect.poll(() => reasons, { timeout: 20_000, interval: 250 }).toEqual(["the embedded PostgreSQL could not be started again: disk full"]);
    } finally {
      stop();
      server = undefined;
    }
  }, 60_000);
});
