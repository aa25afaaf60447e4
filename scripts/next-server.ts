// The app's HTTP server (started by scripts/serve.ts for `npm run dev` / `npm start`): Next.js
// behind the request edge of lib/api/http-server.ts, which decides which forwarding headers to
// believe and refuses oversize bodies before Next reads them.
import next from "next";
import { env } from "@/lib/config/env";
import { parseTrustedProxies } from "@/shared/net/forwarded";
import { createEdgeServer } from "@/lib/api/http-server";

const dev = process.argv[2] !== "start";
const port = Number(process.argv[3] ?? process.env.PORT ?? 3000);
const config = env();
const app = next({ dev, port, hostname: "localhost", ...(dev ? { turbopack: true } : {}) });
await app.prepare();
const handle = app.getRequestHandler();
const server = createEdgeServer(
  {
    trustedProxies: parseTrustedProxies(config.GATEHOUSE_TRUSTED_PROXIES),
    maxBodyBytes: config.GATEHOUSE_MAX_REQUEST_BYTES,
    requestTimeoutMs: config.GATEHOUSE_REQUEST_TIMEOUT_MS,
  },
  (req, res) => handle(req, res),
);
const upgrade = app.getUpgradeHandler();
server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
server.listen(port, () => console.log(`  ✓ Ready on http://localhost:${port} (${dev ? "development" : "production"})`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
