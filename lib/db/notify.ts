import pg from "pg";
import { appDatabaseUrl } from "@/lib/db/app-role";
import { controlDb } from "@/lib/db/control";
import { processSingleton } from "@/lib/db/global-singleton";
import { logger } from "@/lib/log/logger";

export type Channel = "gatehouse_provisioning" | "gatehouse_tenancy";

/** Tells every app process (this one included) listening on `channel`. Payload ≤ 8000 bytes. */
export async function notify(channel: Channel, payload: string): Promise<void> {
  await controlDb().$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
}

type Handler = (payload: string) => void;

class Listener {
  private readonly handlers = new Map<Channel, Set<Handler>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  async on(channel: Channel, handler: Handler): Promise<() => void> {
    const isNew = !this.handlers.has(channel);
    const set = this.handlers.get(channel) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(channel, set);
    await this.connect();
    if (isNew && this.client) await this.client.query(`LISTEN ${channel}`);
    return () => set.delete(handler);
  }

  private connect(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: appDatabaseUrl() });
      client.on("notification", (msg) => {
        for (const handler of this.handlers.get(msg.channel as Channel) ?? []) handler(msg.payload ?? "");
      });
      client.on("error", (error) => {
        logger().warn({ err: error }, "notification listener lost its connection; reconnecting");
        this.client = null;
        setTimeout(() => void this.connect().catch(() => {}), 1_000).unref();
      });
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
      this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}

/** Subscribes to a channel on this process's single LISTEN connection. */
export function listen(channel: Channel, handler: Handler): Promise<() => void> {
  return processSingleton("listener", () => new Listener()).on(channel, handler);
}

export async function closeListener(): Promise<void> {
  await processSingleton("listener", () => new Listener()).close();
}
