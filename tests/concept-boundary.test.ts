import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layer rule: concept folders (lib/users, lib/org-units, …) are services that take a tenant,
// an input and an actor; who calls and whether they may is the request edge's business. So
// nothing outside the edge imports it, or the session machinery in lib/auth.
const EDGE = new Set(["edge", "auth", "api", "scim"]);
const LIB = path.join(import.meta.dirname, "..", "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe("concept folders", () => {
  it("import neither the request edge nor lib/auth", () => {
    const offending = readdirSync(LIB, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !EDGE.has(entry.name))
      .flatMap((entry) => sourceFiles(path.join(LIB, entry.name)))
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/["']@\/lib\/(edge|auth)\/[^"']*["']/g)].map((m) => `${path.relative(LIB, file)}: ${m[0]}`));
    expect(offending).toEqual([]);
  });
});
