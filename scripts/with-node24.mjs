#!/usr/bin/env node
// Runs a TypeScript entry point (through tsx) on Node ≥ 22.12. On an older Node it first fetches
// Node 24 from the npm registry (package node-<platform>-<arch>@24) into .cache/node24, and puts
// that Node first on PATH for everything the entry point starts (next, playwright, …).
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [major, minor] = process.versions.node.split(".").map(Number);
const recentEnough = major > 22 || (major === 22 && minor >= 12);

function node24() {
  const prefix = path.join(root, ".cache", "node24");
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = path.join(prefix, "node_modules", pkg, "bin", "node");
  if (!existsSync(bin)) {
    console.error(`Node ${process.versions.node} is older than 22.12; fetching Node 24 (${pkg}@24) into .cache/node24 …`);
    execFileSync("npm", ["install", "--no-save", "--no-package-lock", "--prefix", prefix, `${pkg}@24`], { stdio: "inherit" });
  }
  return bin;
}

const nodeBin = recentEnough ? process.execPath : node24();
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/with-node24.mjs <entry.ts> [args…]");
  process.exit(2);
}
const env = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ""}` };
const child = spawn(nodeBin, ["--import", "tsx", entry, ...args], { stdio: "inherit", env, cwd: root });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
