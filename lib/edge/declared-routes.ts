import type { ResponseConfig } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import type { PlatformScope } from "@/lib/permissions/platform";
import type { RouteHandler } from "@/lib/edge/route-handler";
import type { TenantPermission } from "@/lib/edge/tenant-permission";
import { edgeMade, type HttpMethod } from "@/lib/edge/edge-made";

// Every REST route is declared once, with what the OpenAPI document says about it; the wrappers
// record the declaration against the handler they return, and lib/api/openapi.ts assembles the
// document from them.

export type { HttpMethod };

/** A route's entry in the OpenAPI document, beside the permission and schemas its wrapper checks. */
export interface OperationDoc {
  method: HttpMethod;
  /** The URL path as served, with `{param}` segments: the route file's folder under app/<host>/. */
  path: string;
  /** operationId, for generated clients. */
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** The path parameters, described (the handler reads them as text). */
  pathParams?: z.ZodObject;
  /** A raw (non-JSON) body of one of these media types, which the handler reads itself. */
  rawBody?: { description: string; types: readonly string[] };
  /** Success responses, and error responses beyond those every route of its kind may give. */
  responses: Record<number, ResponseConfig>;
}

/** Who may call a route, as the document states it. */
export type RouteAccess =
  /** A tenant's API key or session holding `permission`. */
  { kind: "tenant"; permission: TenantPermission } | { kind: "platform"; scope: PlatformScope } | { kind: "public" };

/** A route as the document shows it: its entry, who may call it, and the schemas its wrapper parses with. */
export interface DeclaredRoute extends OperationDoc {
  access: RouteAccess;
  query?: z.ZodType;
  body?: z.ZodType;
}

/**
 * A console route serving the same method and path as a documented workspace route, for the
 * platform (the console's export of any tenant): documented by that route's entry.
 */
export interface RouteVariant {
  method: HttpMethod;
  path: string;
  variantOf: RouteHandler;
}

const declarations = new WeakMap<RouteHandler, { declaration: DeclaredRoute | RouteVariant; order: number }>();
let declared = 0;

export function declareRoute<H extends RouteHandler>(handler: H, declaration: DeclaredRoute | RouteVariant): H {
  declarations.set(handler, { declaration, order: declared++ });
  return edgeMade(handler, declaration.method);
}

/** The declared route handlers among a module's exports, in the order they are written. */
export function declaredHandlers(exports: readonly unknown[]): RouteHandler[] {
  const order = (handler: RouteHandler) => declarations.get(handler)!.order;
  return exports.filter((value): value is RouteHandler => declarationOf(value) !== undefined).sort((a, b) => order(a) - order(b));
}

/** The declaration behind a route handler, if it is one the wrappers made. */
export function declarationOf(handler: unknown): DeclaredRoute | RouteVariant | undefined {
  return typeof handler === "function" ? declarations.get(handler as RouteHandler)?.declaration : undefined;
}

export const isVariant = (declaration: DeclaredRoute | RouteVariant): declaration is RouteVariant => "variantOf" in declaration;

/** A route outside the wrappers (the document itself), declared as it is: no credentials, no error mapping added. */
export function publicRoute(doc: OperationDoc, handler: RouteHandler): RouteHandler {
  return declareRoute(handler, { ...doc, access: { kind: "public" } });
}
