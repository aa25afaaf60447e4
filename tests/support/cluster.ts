import net from "node:net";
import pg from "pg";

export function clusterUrl(): string {
  const url = process.env.GATEHOUSE_TEST_CLUSTER_URL;
  if (!url) throw new Error("GATEHOUSE_TEST_CLUSTER_URL is set by tests/global-setup.ts");
  return url;
}

export async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: clusterUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return Boolean(rowCount);
  } finally {
    await client.end();
  }
}

/** A TCP server that accepts connections and never answers: a database that hangs. */
export async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
