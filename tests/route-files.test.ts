import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { isEdgeMade } from "@/lib/edge/edge-made";
import { ROUTE_METHODS } from "@/lib/api/entry";

vi.mock("server-only", () => ({}));

const APP = path.resolve(import.meta.dirname, "..", "app");

async function routeFiles(): Promise<string[]> {
  const entries = await fs.readdir(APP, { recursive: true });
  return entries.filter((entry) => path.basename(entry) === "route.ts").map((entry) => path.join(APP, entry));
}

describe("route files", () => {
  it("export only handlers an edge wrapper made, so no route is hand-written", async () => {
    const files = await routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(60);
    const handWritten: string[] = [];
    for (const file of files) {
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const handlers = ROUTE_METHODS.filter((method) => method in module);
      expect(handlers.length, `${path.relative(APP, file)} serves no method`).toBeGreaterThan(0);
      for (const method of handlers) if (!isEdgeMade(module[method])) handWritten.push(`${method} in app/${path.relative(APP, file)}`);
    }
    expect(handWritten).toEqual([]);
  });
});
