// The embedded identity server in a process of its own, as scripts/embedded-identity.ts starts it for
// the app (startEmbeddedIdentity: database gatehouse_idp on the given cluster, its admin derived
// from GATEHOUSE_SECRET_KEY), so a benchmark can read its resident memory and pin it to a core.
// Started by bench/identity-servers.ts with `node --import tsx`; prints one line
// `READY <json of the env the app needs>` once it listens, and stops on SIGTERM / SIGINT.
//   BENCH_EMBEDDED_CLUSTER_URL (required), BENCH_EMBEDDED_PORT (required), GATEHOUSE_SECRET_KEY (required).
import { startEmbeddedIdentity } from "@/scripts/embedded-identity";

const clusterUrl = process.env.BENCH_EMBEDDED_CLUSTER_URL;
const port = Number(process.env.BENCH_EMBEDDED_PORT);
if (!clusterUrl || !Number.isInteger(port) || port <= 0 || !process.env.GATEHOUSE_SECRET_KEY) {
  console.error("set BENCH_EMBEDDED_CLUSTER_URL, BENCH_EMBEDDED_PORT and GATEHOUSE_SECRET_KEY");
  process.exit(2);
}

const identity = await startEmbeddedIdentity({ clusterUrl, port, host: "127.0.0.1" });
process.stdout.write(`READY ${JSON.stringify(identity.env)}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void identity.server.close().finally(() => process.exit(0));
  });
}
