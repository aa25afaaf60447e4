// `npm run dev` / `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), then Next.js.
// Migrations, bootstrap records and the provisioning controller start inside the app
// (instrumentation.ts), so `next start` with DATABASE_URL behaves the same.
import { spawn } from "node:child_process";
import path from "node:path";
import { localDatabase } from "@/lib/db/local-cluster";
import { redactUrl } from "@/lib/db/urls";

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.GATEHOUSE_DATA_DIR ?? ".data");
const pgPort = Number(process.env.GATEHOUSE_EMBEDDED_PG_PORT ?? 54320);
const quiet = process.env.GATEHOUSE_QUIET === "1";

const db = await localDatabase({ dataDir, port: pgPort, log: process.env.GATEHOUSE_PG_LOG === "1" ? (l) => console.log(`[postgres] ${l}`) : undefined });
const baseUrl = process.env.GATEHOUSE_BASE_URL ?? `http://localhost:${port}`;
const base = new URL(baseUrl);
const at = (sub: string) => `${base.protocol}//${sub}.${base.host}`;

if (!quiet) {
  const source = db.server ? `embedded PostgreSQL (${db.server.startedHere ? "started" : "already running"}, data in ${path.relative(process.cwd(), dataDir) || "."}/postgres)` : "DATABASE_URL";
  console.log(`
  Gatehouse (${mode})
  ─────────────────────────────────────────────
  Console   ${at("console")}
  Tenants   ${base.protocol}//<key>.${base.host}
  Cloud     ${at("cloud")}
  Database  ${redactUrl(db.url)}  — ${source}
`);
}

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const child = spawn(process.execPath, [nextBin, mode, "--port", String(port)], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: db.url, GATEHOUSE_BASE_URL: baseUrl },
});

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (db.server?.startedHere) await db.server.stop().catch(() => {});
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => void shutdown(code ?? 0));
