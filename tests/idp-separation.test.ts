// The embedded identity server (idp/) stands on its own: it imports nothing of the app, the app
// talks to it only over HTTP (lib/identity's Keycloak adapter) and the launcher (scripts/) starts
// it. What both need lives in shared/, which imports neither.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The app: what the Next build is made of. */
const APP = ["app", "components", "lib", "proxy.ts", "instrumentation.ts"];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return /\.tsx?$/.test(entry) ? [entry] : [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !(e.isDirectory() && (e.name === "node_modules" || e.name === "generated")))
    .flatMap((e) => sourceFiles(path.join(entry, e.name)));
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;

/** The repository path (`lib/net/ip`) each import of `source` names; packages and node builtins left out. */
function importedPaths(file: string, source: string): string[] {
  return [...source.matchAll(SPECIFIER)].flatMap(([, spec = ""]) => {
    if (spec.startsWith("@/")) return [spec.slice(2)];
    if (spec.startsWith("."))
      return [
        path
          .relative(ROOT, path.resolve(ROOT, path.dirname(file), spec))
          .split(path.sep)
          .join("/"),
      ];
    return [];
  });
}

/** `file: imported path` for every import of the files under `from` that lands in one of `forbidden`. */
function offending(from: string[], forbidden: string[]): string[] {
  const into = (target: string) => forbidden.some((f) => target === f.replace(/\.tsx?$/, "") || target.startsWith(`${f}/`));
  return from.flatMap(sourceFiles).flatMap((file) =>
    importedPaths(file, fs.readFileSync(path.join(ROOT, file), "utf8"))
      .filter(into)
      .map((target) => `${file}: ${target}`),
  );
}

describe("the embedded identity server is separable", () => {
  it("reads imports of every form, by path alias and relative", () => {
    const source = `import a from "@/lib/x";\nimport { b } from '../../lib/y';\nexport * from "./z";\nconst c = await import("@/idp/server");\nimport "@/shared/w";\nimport pg from "pg";`;
    expect(importedPaths("idp/http/body.ts", source)).toEqual(["lib/x", "lib/y", "idp/http/z", "idp/server", "shared/w"]);
  });

  it("idp/ imports nothing of the app", () => {
    expect(offending(["idp"], APP)).toEqual([]);
  });

  it("the app imports nothing of idp/ (it drives it over HTTP; the launcher starts it)", () => {
    expect(offending(APP, ["idp"])).toEqual([]);
  });

  it("the app starts no identity server: what starts one (scripts/) is the launcher's", () => {
    expect(offending(APP, ["scripts"])).toEqual([]);
  });

  it("shared/ imports neither the app nor idp/", () => {
    expect(offending(["shared"], [...APP, "idp", "scripts", "tests"])).toEqual([]);
  });
});
