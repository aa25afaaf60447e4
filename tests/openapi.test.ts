import fs from "node:fs/promises";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { declaredRoutes, openApiDocument, TAGS } from "@/lib/api/openapi";
import { declarationOf, isVariant } from "@/lib/edge/declared-routes";
import { permissionText } from "@/lib/edge/tenant-permission";
import { PERMISSIONS } from "@/lib/permissions/permissions";
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

/** Every handler the route files on disk serve (either host), with the file, method and path it serves. */
async function handlersOnDisk(): Promise<{ file: string; method: (typeof HTTP_METHODS)[number]; path: string; handler: unknown }[]> {
  const handlers = [];
  for (const tree of TREES) {
    for (const { file, path: urlPath } of await routeFiles(tree)) {
      const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      // Every route file exports all methods; those it does not serve only refuse (405, or 404 in the catch-all).
      for (const method of HTTP_METHODS)
        if (typeof module[method] === "function" && !isRefusal(module[method])) handlers.push({ file, method, path: urlPath, handler: module[method] });
    }
  }
  return handlers;
}

/** Every `METHOD /path` the route files on disk serve (either host). */
async function routesOnDisk(): Promise<Set<string>> {
  return new Set((await handlersOnDisk()).map((h) => `${h.method} ${h.path}`));
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

  it("is assembled from the routes the route files serve, each declared with that file's method and path", async () => {
    const documented = new Set(declaredRoutes());
    for (const { file, method, path: urlPath, handler } of await handlersOnDisk()) {
      const declaration = declarationOf(handler);
      expect(declaration, `${method} in ${file} is not declared by a route wrapper`).toBeDefined();
      expect(`${declaration!.method.toUpperCase()} ${declaration!.path}`, file).toBe(`${method} ${urlPath}`);
      // A console variant (the export of any tenant) is documented by the workspace route it varies.
      const entry = isVariant(declaration!) ? declarationOf(declaration!.variantOf) : declaration;
      expect(entry && !isVariant(entry) && documented.has(entry), `${method} ${urlPath} (${file}) is not in the document`).toBe(true);
      expect(`${entry!.method} ${entry!.path}`).toBe(`${declaration!.method} ${declaration!.path}`);
    }
  });

  it("states each route's permission or scope as its spec declares it", () => {
    const document = openApiDocument();
    for (const route of declaredRoutes()) {
      const description = document.paths?.[route.path]?.[route.method]?.description ?? "";
      if (route.access.kind === "tenant") {
        const text = permissionText(route.access.permission);
        expect(description.endsWith(`Permission: ${text}.`), route.operationId).toBe(true);
        // Even a text the handler's own checks need (checkedByHandler) names real permissions only.
        for (const name of text.match(/\b[a-z]+:[a-z]+\b/g) ?? []) expect(PERMISSIONS, `${route.operationId}: ${name}`).toContain(name);
      } else if (route.access.kind === "platform") {
        expect(description.endsWith(`a platform API key with the scope ${route.access.scope}.`), route.operationId).toBe(true);
      }
    }
  });

  it("describes every path parameter, tag and operation once", () => {
    const ids = declaredRoutes().map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of declaredRoutes()) {
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(route.pathParams?.shape ?? {}).sort(), route.operationId).toEqual(inPath);
      expect(
        TAGS.map((tag) => tag.name),
        route.operationId,
      ).toContain(route.tag);
    }
  });

  it("names every JSON body and JSON response of a tenant or platform route as a schema", () => {
    const document = openApiDocument();
    for (const route of declaredRoutes().filter((r) => r.access.kind !== "public")) {
      const operation = document.paths?.[route.path]?.[route.method];
      const body = operation?.requestBody && "content" in operation.requestBody ? operation.requestBody.content["application/json"]?.schema : undefined;
      if (route.body) expect(body && "$ref" in body ? body.$ref : undefined, route.operationId).toMatch(/^#\/components\/schemas\//);
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        const schema = "content" in response ? response.content?.["application/json"]?.schema : undefined;
        if (schema) expect("$ref" in schema ? schema.$ref : undefined, `${route.operationId} ${status}`).toMatch(/^#\/components\/schemas\//);
      }
    }
  });

  it("serves the same per-tenant routes on workspace hosts and on the console", async () => {
    // The superadmin's operations on a tenant itself (its lifecycle, its quotas and rate limits, the billing access switches) are console-only.
    const platformOnly = (p: string) =>
      ["/api/v1/tenants/{key}/lifecycle", "/api/v1/tenants/{key}/quotas", "/api/v1/tenants/{key}/rate-limits"].includes(p) || p.endsWith("/access");
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
