import fs from "node:fs/promises";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { apiReferenceView } from "@/lib/api/reference";
import { ApiReference } from "@/components/api/api-reference";
import { isRefusal } from "@/lib/api/methods";
import { GET as workspaceDocument } from "@/app/workspace/api/v1/openapi.json/route";
import { GET as consoleDocument } from "@/app/console/api/v1/openapi.json/route";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const TREES = ["app/workspace", "app/console"];

/** `route.ts` files under `<tree>/api/v1`, as URL paths with `{param}` segments. */
async function routeFiles(tree: string): Promise<{ file: string; path: string }[]> {
  const root = path.join(tree, "api", "v1");
  const entries = await fs.readdir(root, { recursive: true });
  return entries
    .filter((entry) => path.basename(entry) === "route.ts")
    .map((entry) => {
      const dir = path.dirname(entry) === "." ? "" : `/${path.dirname(entry).split(path.sep).join("/")}`;
      return { file: path.join(root, entry), path: `/api/v1${dir}`.replace(/\[([^\]]+)\]/g, "{$1}") };
    });
}

/** Every `METHOD /path` the route files on disk serve (either host). */
async function routesOnDisk(): Promise<Set<string>> {
  const routes = new Set<string>();
  for (const tree of TREES) {
    for (const { file, path: urlPath } of await routeFiles(tree)) {
      const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      // Every route file exports all methods; those it does not serve only refuse (405, or 404 in the catch-all).
      for (const method of HTTP_METHODS) if (typeof module[method] === "function" && !isRefusal(module[method])) routes.add(`${method} ${urlPath}`);
    }
  }
  return routes;
}

function routesInDocument(): Set<string> {
  const routes = new Set<string>();
  for (const [urlPath, item] of Object.entries(openApiDocument().paths ?? {})) {
    for (const method of HTTP_METHODS) if (item[method.toLowerCase() as Lowercase<typeof method>]) routes.add(`${method} ${urlPath}`);
  }
  return routes;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("lists every route the API serves, and no other", async () => {
    const onDisk = await routesOnDisk();
    expect(onDisk.size).toBeGreaterThanOrEqual(21);
    expect([...routesInDocument()].sort()).toEqual([...onDisk].sort());
  });

  it("serves the same per-tenant routes on workspace hosts and on the console", async () => {
    // The superadmin's operations on a tenant itself (its lifecycle, its quotas and rate limits, the billing access switches) are console-only.
    const platformOnly = (p: string) => ["/api/v1/tenants/{key}/lifecycle", "/api/v1/tenants/{key}/quotas", "/api/v1/tenants/{key}/rate-limits"].includes(p) || p.endsWith("/access");
    const paths = async (tree: string) =>
      (await routeFiles(tree))
        .map((r) => r.path)
        .filter((p) => (p.startsWith("/api/v1/tenants/{key}/") && !platformOnly(p)) || p === "/api/v1/openapi.json")
        .sort();
    expect(await paths("app/console")).toEqual(await paths("app/workspace"));
  });

  it("documents errors, parameters and bodies for each operation", () => {
    const document = openApiDocument();
    const createUser = document.paths?.["/api/v1/tenants/{key}/users"]?.post;
    expect(createUser?.requestBody).toBeDefined();
    expect(Object.keys(createUser?.responses ?? {}).sort()).toEqual(["201", "400", "401", "402", "403", "404", "409", "413", "429", "503"]);
    const listUsers = document.paths?.["/api/v1/tenants/{key}/users"]?.get;
    expect(listUsers?.parameters?.map((p) => ("name" in p ? p.name : "")).sort()).toEqual(["after", "enabled", "key", "limit", "q", "state"]);
    expect(document.components?.schemas?.Error).toBeDefined();
    const createKey = document.paths?.["/api/v1/tenants/{key}/api-keys"]?.post;
    expect(Object.keys(createKey?.responses ?? {}).sort()).toEqual(["201", "400", "401", "402", "403", "404", "413", "429", "503"]);
    expect(document.paths?.["/api/v1/tenants/{key}/api-keys/{id}"]?.delete?.operationId).toBe("revokeApiKey");
  });

  it("is served as JSON on workspace hosts and on the console", async () => {
    for (const handler of [workspaceDocument, consoleDocument]) {
      const response = await handler(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { openapi: string }).openapi).toBe("3.1.0");
    }
  });

  it("renders as a reference page naming every operation, with no scripts", () => {
    const view = apiReferenceView(openApiDocument());
    const html = renderToStaticMarkup(ApiReference({ view }));
    for (const route of routesInDocument()) {
      const [method, urlPath] = route.split(" ");
      expect(html).toContain(`data-operation="${method} ${urlPath}"`);
    }
    expect(html).toContain("Request body");
    expect(html).toContain('id="schema-User"');
    expect(html).not.toContain("<script");
    const createUser = view.tags.flatMap((t) => t.operations).find((o) => o.id === "createUser");
    expect(createUser?.body?.ref).toBe("CreateUser");
    expect(createUser?.parameters.map((p) => p.name)).toEqual(["key"]);
  });
});
