// The folders under lib/ form layers: a folder imports only folders below it, so the folder-level
// import graph has no cycle. From the bottom up:
//
//   0  kernel, config, errors, cache, net, server   rules and plumbing that know nothing of the rest
//   1  log, secrets, input                           logging, keys and tokens, untrusted text and bodies
//   2  db, forms, pagination, passwords              the databases, form state, pages of results
//   3  tenancy, identity                             which tenant a host is; the identity server
//   4  permissions, access, audit                    who may do what; who gets in; the audit trail
//   5  the concept folders (users, tenants, domains, provisioning, …): services, each below the ones
//      that use it (customers → tenants → provisioning → organizations → users → …), never the edge
//   6  api, auth, scim, edge, startup                the request edge and the process start: anything below
//
// An edge A → B is any non-test file under lib/A importing lib/B: `import … from`, `export … from`,
// `import "…"` and `import("…")`, with `@/lib/…` or a relative path that leaves the folder.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const LIB = path.join(ROOT, "lib");

/** Layers 0–4 above, each folder with its layer: it may import only folders of a lower one. */
const FOUNDATION: ReadonlyMap<string, number> = new Map([
  ...["kernel", "config", "errors", "cache", "net", "server"].map((f) => [f, 0] as const),
  ...["log", "secrets", "input"].map((f) => [f, 1] as const),
  ...["db", "forms", "pagination", "passwords"].map((f) => [f, 2] as const),
  ...["tenancy", "identity"].map((f) => [f, 3] as const),
  ...["permissions", "access", "audit"].map((f) => [f, 4] as const),
]);

/** Layer 6: only these import one another. */
const EDGE: ReadonlySet<string> = new Set(["api", "auth", "scim", "edge", "startup"]);

const SOURCE = /\.(ts|tsx)$/;
const IMPORT_PATTERNS = [/(?:^|[\n;])\s*(?:import|export)\s[^"';]*?\bfrom\s*["']([^"']+)["']/g, /(?:^|[\n;])\s*import\s*["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The lib/ folder a file or import target lies in, or null outside lib/ (or directly in it). */
function folderOf(absolute: string): string | null {
  const relative = path.relative(LIB, absolute);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? (parts[0] ?? null) : null;
}

function importedFolder(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return folderOf(path.join(ROOT, specifier.slice(2)));
  if (specifier.startsWith(".")) return folderOf(path.resolve(path.dirname(file), specifier));
  return null;
}

type Graph = Map<string, Map<string, Set<string>>>; // from → to → files that make the edge

function folderGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(LIB)) {
    const from = folderOf(file);
    const name = path.relative(ROOT, file);
    if (from === null) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const pattern of IMPORT_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const to = importedFolder(file, match[1] ?? "");
        if (to === null || to === from) continue;
        const targets = graph.get(from) ?? new Map<string, Set<string>>();
        graph.set(from, targets);
        targets.set(to, (targets.get(to) ?? new Set()).add(name));
      }
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

function describeCycle(graph: Graph, component: string[]): string {
  const members = new Set(component);
  const edges = component.flatMap((from) =>
    [...(graph.get(from) ?? [])].filter(([to]) => members.has(to)).map(([to, files]) => `  ${from} → ${to}: ${[...files].sort().join(", ")}`),
  );
  return `cycle of ${component.length} folders (${component.join(", ")}):\n${edges.sort().join("\n")}`;
}

describe("lib/ folder layers", () => {
  it("finds the imports it is meant to see", () => {
    const graph = folderGraph();
    expect(graph.get("tenancy")?.get("db")?.size).toBeGreaterThan(0);
    expect(graph.get("api")?.get("errors")?.size).toBeGreaterThan(0);
    expect(graph.get("branding")?.has("branding")).toBeFalsy();
  });

  it("has no import cycle between folders", () => {
    const graph = folderGraph();
    expect(cycles(graph).map((component) => describeCycle(graph, component))).toEqual([]);
  });

  it("keeps the foundation folders (layers 0–4) below everything that imports them", () => {
    const upward = [...folderGraph()].flatMap(([from, targets]) => {
      const layer = FOUNDATION.get(from);
      if (layer === undefined) return [];
      return [...targets]
        .filter(([to]) => !((FOUNDATION.get(to) ?? Infinity) < layer))
        .map(([to, files]) => `${from} (layer ${layer}) → ${to} (${FOUNDATION.has(to) ? `layer ${FOUNDATION.get(to)}` : "above"}): ${[...files].sort().join(", ")}`);
    });
    expect(upward.sort()).toEqual([]);
  });

  it("lets only the request edge import the request edge", () => {
    const intoEdge = [...folderGraph()].flatMap(([from, targets]) =>
      EDGE.has(from) ? [] : [...targets].filter(([to]) => EDGE.has(to)).map(([to, files]) => `${from} → ${to}: ${[...files].sort().join(", ")}`),
    );
    expect(intoEdge.sort()).toEqual([]);
  });
});
