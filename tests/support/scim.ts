import { call, type Handler, type Json } from "@/tests/support/api";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import * as users from "@/app/workspace/scim/v2/Users/route";
import * as user from "@/app/workspace/scim/v2/Users/[id]/route";
import * as groups from "@/app/workspace/scim/v2/Groups/route";
import * as group from "@/app/workspace/scim/v2/Groups/[id]/route";
import * as serviceProviderConfig from "@/app/workspace/scim/v2/ServiceProviderConfig/route";
import * as resourceTypes from "@/app/workspace/scim/v2/ResourceTypes/route";
import * as schemas from "@/app/workspace/scim/v2/Schemas/route";

// A SCIM client for tests: picks the route handler for a /scim/v2 path and calls it as Next would
// (a real Request with the tenant's Host header and application/scim+json bodies).

export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Module = Partial<Record<Method, Handler>>;

function route(path: string): { module: Module; params: Record<string, string> } {
  const [, resource, id] = /^\/scim\/v2\/([^/?]+)(?:\/([^/?]+))?/.exec(path) ?? [];
  const collections: Record<string, [Module, Module | undefined]> = {
    Users: [users, user],
    Groups: [groups, group],
    ServiceProviderConfig: [serviceProviderConfig, undefined],
    ResourceTypes: [resourceTypes, undefined],
    Schemas: [schemas, undefined],
  };
  const entry = resource ? collections[resource] : undefined;
  const module = id ? entry?.[1] : entry?.[0];
  if (!module) throw new Error(`no SCIM route for ${path}`);
  return { module, params: id ? { id: decodeURIComponent(id) } : {} };
}

export interface ScimCaller {
  (method: Method, path: string, body?: unknown, options?: { key?: string | null; host?: string; headers?: Record<string, string> }): Promise<{ status: number; body: Json }>;
}

/** A caller for `tenant`'s host with `key` (override per call: another key, none, another host). */
export function scimClient(tenant: ResolvedTenant, key: string): ScimCaller {
  return async (method, path, body, options = {}) => {
    const { module, params } = route(path);
    const handler = module[method];
    if (!handler) throw new Error(`${method} is not routed for ${path}`);
    const presented = options.key === undefined ? key : options.key;
    return call(handler, {
      host: options.host ?? `${tenant.key}.localhost:3000`,
      path,
      method,
      params,
      ...(presented ? { key: presented } : {}),
      ...(body !== undefined ? { body, headers: { "content-type": "application/scim+json; charset=utf-8", ...options.headers } } : { headers: options.headers }),
    });
  };
}

/** `?filter=` with the filter URL-encoded. */
export const filtered = (collection: string, filter: string, extra = "") => `/scim/v2/${collection}?filter=${encodeURIComponent(filter)}${extra}`;
