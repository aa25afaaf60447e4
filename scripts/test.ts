// `npm test`: unit and integration tests (vitest, real embedded PostgreSQL), then a production
// build and the browser tests (Playwright driving Debian's Chromium against `next start`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const run = (label: string, command: string, args: string[], env: Record<string, string> = {}) => {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
};

const only = process.argv[2]; // "unit" | "e2e" | undefined (both)
if (only !== "e2e") run("unit and integration tests", bin("vitest"), ["run"]);
if (only !== "unit") {
  process.env.GATEHOUSE_NEXT_DIST_DIR = ".next-test";
  run("production build", bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
  fs.rmSync(path.join(".data", "e2e"), { recursive: true, force: true });
  run("browser tests", bin("playwright"), ["test"]);
}
console.log("\n✔ all tests passed");
