// `npm test`: unit and integration tests (vitest, real embedded PostgreSQL, the embedded identity
// server and a real Keycloak), then a production build, the API fuzzing (schemathesis against
// `next start`: scripts/fuzz.ts) and the browser tests (Playwright driving Debian's Chromium
// against `next start`): every spec on the embedded server, then the main journeys on Keycloak.
// GATEHOUSE_TEST_KEYCLOAK=off leaves Keycloak out (refused in CI).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../lib/net/free-port";
import { ON_BOTH_SERVERS } from "../tests/support/on-both-servers";

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
const keycloakOff = process.env.GATEHOUSE_TEST_KEYCLOAK === "off";
if (keycloakOff && process.env.CI) {
  console.error("GATEHOUSE_TEST_KEYCLOAK=off is refused in CI: the Keycloak tests must run there.");
  process.exit(1);
}
// Every server a run starts listens on a port nothing else holds right now (a leftover PostgreSQL
// or a second checkout on the same machine must not fail the run); a port set in the env wins.
async function freePortsFor(names: string[]): Promise<Record<string, string>> {
  const ports: Record<string, string> = {};
  for (const name of names) ports[name] = process.env[name] ?? String(await freePort());
  return ports;
}
const E2E_PORTS = ["E2E_PORT", "E2E_IDP_PORT", "E2E_PG_PORT", "E2E_DNS_PORT"];

const report = path.join(".data", "vitest-report.json");
const summary: string[] = [];
if (only !== "e2e") {
  const ports = await freePortsFor(["GATEHOUSE_TEST_PG_PORT", "GATEHOUSE_TEST_IDP_PORT", "GATEHOUSE_TEST_SUPERVISED_PG_PORT"]);
  run("unit and integration tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], ports);
  summary.push(keycloakCount(report));
}
if (only !== "unit") {
  process.env.GATEHOUSE_NEXT_DIST_DIR = ".next-test";
  run("production build", bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
  run(
    "API fuzzing (schemathesis, both hosts)",
    process.execPath,
    ["--import", "tsx", path.join("scripts", "fuzz.ts")],
    await freePortsFor(["FUZZ_PORT", "FUZZ_IDP_PORT", "FUZZ_PG_PORT"]),
  );
  summary.push("API fuzzing: passed (every documented operation of both hosts; reports in .data/fuzz-report)");
  fs.rmSync(path.join(".data", "e2e"), { recursive: true, force: true });
  run("browser tests on the embedded identity server", bin("playwright"), ["test"], await freePortsFor(E2E_PORTS));
  if (keycloakOff) {
    summary.push("browser tests on Keycloak: skipped (GATEHOUSE_TEST_KEYCLOAK=off)");
  } else {
    fs.rmSync(path.join(".data", "e2e-keycloak"), { recursive: true, force: true });
    run("browser tests on Keycloak", bin("playwright"), ["test"], { E2E_IDENTITY: "keycloak", ...(await freePortsFor(E2E_PORTS)) });
    summary.push("browser tests on Keycloak: passed (the journeys listed in playwright.config.ts)");
  }
}
console.log(`\n${summary.map((line) => `  ${line}`).join("\n")}\n✔ all tests passed`);

/** How many vitest tests ran on Keycloak: the "keycloak" project's and the contract suite's Keycloak half. */
function keycloakCount(file: string): string {
  interface Assertion {
    status: string;
    ancestorTitles: string[];
  }
  const results = JSON.parse(fs.readFileSync(file, "utf8")) as { testResults: { name: string; assertionResults: Assertion[] }[] };
  const count = (assertions: Assertion[], status: (s: string) => boolean) => assertions.filter((a) => status(a.status)).length;
  let passed = 0;
  let other = 0;
  const runsOf = new Map<string, Assertion[][]>();
  for (const result of results.testResults) {
    const file = path.relative(process.cwd(), result.name);
    runsOf.set(file, [...(runsOf.get(file) ?? []), result.assertionResults]);
    const keycloakHalf = result.assertionResults.filter((a) => a.ancestorTitles.some((title) => title.includes("against Keycloak")));
    passed += count(keycloakHalf, (s) => s === "passed");
    other += count(keycloakHalf, (s) => s !== "passed");
  }
  // The JSON report does not name projects: a file of both projects appears twice, once per server.
  for (const file of ON_BOTH_SERVERS) {
    const runs = runsOf.get(file) ?? [];
    if (runs.length < 2) continue;
    passed += Math.min(...runs.map((run) => count(run, (s) => s === "passed")));
  }
  if (passed === 0 && !keycloakOff) {
    console.error("\n✖ no test ran on Keycloak");
    process.exit(1);
  }
  return `vitest on Keycloak: ${passed} passed${other ? `, ${other} skipped` : ""}`;
}
