"use server";

import { createApiKeySchema, createPlatformApiKeySchema } from "@/lib/api-keys/schema";
import { createApiKey, createPlatformApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { parseOrThrow } from "@/lib/errors/zod";
import { formValues } from "@/lib/edge/form";
import { BOUND } from "@/lib/edge/bound";
import { platformAction } from "@/lib/edge/platform-action";
import { tenantAction } from "@/lib/edge/tenant-action";

const checkedScopes = (formData: FormData) => formData.getAll("scopes").filter((value): value is string => typeof value === "string");

/** Form values are single strings; the checked scopes travel back as one list to re-check them. */
const keyForm = (formData: FormData) => ({ ...formValues(formData), scopes: checkedScopes(formData).join(",") });

const keyInput = (values: Record<string, string>, formData: FormData) => ({ name: values.name, scopes: checkedScopes(formData), expiresAt: values.expiresAt });

export const createApiKeyAction = tenantAction({
  permission: "apikey:create",
  form: keyForm,
  handle: async ({ tenant, principal, actor, values, formData }) => {
    const { key, secret } = await createApiKey(tenant, principal, parseOrThrow(createApiKeySchema, keyInput(values, formData)), actor);
    return { message: `API key “${key.name}” created.`, values: { name: key.name, secret } };
  },
});

export const revokeApiKeyAction = tenantAction({
  bound: [BOUND.apiKey],
  permission: "apikey:revoke",
  handle: async ({ tenant, actor, bound: [id] }) => {
    const key = await revokeApiKey(tenant, id, actor);
    return { message: `API key “${key.name}” revoked.` };
  },
});

/** The console: a platform key (its scopes are platform scopes). */
export const createPlatformApiKeyAction = platformAction({
  form: keyForm,
  handle: async ({ tenant, actor, values, formData }) => {
    const { key, secret } = await createPlatformApiKey(tenant, parseOrThrow(createPlatformApiKeySchema, keyInput(values, formData)), actor);
    return { message: `Platform API key “${key.name}” created.`, values: { name: key.name, secret } };
  },
});

export const revokePlatformApiKeyAction = platformAction({
  bound: [BOUND.apiKey],
  handle: async ({ tenant, actor, bound: [id] }) => {
    const key = await revokeApiKey(tenant, id, actor);
    return { message: `API key “${key.name}” revoked.` };
  },
});
