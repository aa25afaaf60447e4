import { AppError } from "@/lib/errors/app-error";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import { tenantRoute } from "@/lib/edge/tenant-route";
import { respond } from "@/lib/edge/responses";
import { refusals, returns } from "@/lib/api/operation-responses";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
import { apiKeyListSchema, apiKeySchema, createdApiKeySchema } from "@/lib/api/schemas/api-keys";

export const listApiKeysRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/api-keys",
  operationId: "listApiKeys",
  tag: "API keys",
  summary: "List API keys",
  description: "Newest first, with the last use; revoked and expired keys too (see `status`). Never the secret or its hash.",
  pathParams: tenantPathParams.tenant,
  responses: returns("The tenant's API keys.", apiKeyListSchema),
  permission: "apikey:list",
  handle: async ({ tenant }) => respond(apiKeyListSchema, { items: await listApiKeys(tenant) }),
});

/** The new key's scopes must be permissions the caller holds (a key may only mint narrower keys). */
export const createApiKeyRoute = tenantRoute({
  method: "post",
  path: "/api/v1/tenants/{key}/api-keys",
  operationId: "createApiKey",
  tag: "API keys",
  summary: "Create an API key",
  description: "Scopes are permissions the caller holds. The response carries the secret, this once. Active keys per tenant are limited (`quota_exceeded`).",
  pathParams: tenantPathParams.tenant,
  responses: { ...returns("The key and its secret.", createdApiKeySchema, 201), ...refusals(429) },
  permission: { permission: "apikey:create", andAlso: "every scope given to the key" },
  body: createApiKeySchema,
  handle: async ({ tenant, principal, body, actor }) => {
    const { key, secret } = await createApiKey(tenant, principal, body, actor);
    return respond(createdApiKeySchema, { ...key, secret }, 201);
  },
});

/** Revokes at once; the key stays listed as `revoked`. */
export const revokeApiKeyRoute = tenantRoute({
  method: "delete",
  path: "/api/v1/tenants/{key}/api-keys/{id}",
  operationId: "revokeApiKey",
  tag: "API keys",
  summary: "Revoke an API key",
  description: "Its next request is refused. The key stays listed as revoked; revoking it again is a conflict.",
  pathParams: tenantPathParams.apiKey,
  responses: { ...returns("The revoked key.", apiKeySchema), ...refusals(409) },
  permission: "apikey:revoke",
  handle: async ({ tenant, params, actor }) => {
    if (!params.id) throw new AppError("not_found", "API key not found.");
    return respond(apiKeySchema, await revokeApiKey(tenant, params.id, actor));
  },
});
