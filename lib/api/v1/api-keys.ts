import { AppError } from "@/lib/errors/app-error";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import { tenantRoute } from "@/lib/api/route";
import { respond } from "@/lib/api/responses";
import { apiKeyListSchema, apiKeySchema, createdApiKeySchema } from "@/lib/api/schemas/api-keys";

export const listApiKeysRoute = tenantRoute({
  permission: "apikey:list",
  handle: async ({ tenant }) => respond(apiKeyListSchema, { items: await listApiKeys(tenant) }),
});

/** The new key's scopes must be permissions the caller holds (a key may only mint narrower keys). */
export const createApiKeyRoute = tenantRoute({
  permission: "apikey:create",
  body: createApiKeySchema,
  handle: async ({ tenant, principal, body, actor }) => {
    const { key, secret } = await createApiKey(tenant, principal, body, actor);
    return respond(createdApiKeySchema, { ...key, secret }, 201);
  },
});

/** Revokes at once; the key stays listed as `revoked`. */
export const revokeApiKeyRoute = tenantRoute({
  permission: "apikey:revoke",
  handle: async ({ tenant, params, actor }) => {
    if (!params.id) throw new AppError("not_found", "API key not found.");
    return respond(apiKeySchema, await revokeApiKey(tenant, params.id, actor));
  },
});
