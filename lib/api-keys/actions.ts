"use server";

import { authorizeTenantAdmin } from "@/lib/auth/tenant-admin";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";

export async function createApiKeyAction(target: string | null, prev: FormState, formData: FormData): Promise<FormState> {
  const scopes = formData.getAll("scopes").filter((value): value is string => typeof value === "string");
  // Form values are single strings; the checked scopes travel back as one list to re-check them.
  const values: Record<string, string> = { ...formValues(formData), scopes: scopes.join(",") };
  return runAction(prev, values, async () => {
    const { tenant, principal, actor } = await authorizeTenantAdmin(target, "apikey:create");
    const input = parseOrThrow(createApiKeySchema, { name: values.name, scopes, expiresAt: values.expiresAt });
    const { key, secret } = await createApiKey(tenant, principal, input, actor);
    return { message: `API key “${key.name}” created.`, values: { name: key.name, secret } };
  });
}

export async function revokeApiKeyAction(target: string | null, id: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, actor } = await authorizeTenantAdmin(target, "apikey:revoke");
    const key = await revokeApiKey(tenant, id, actor);
    return { message: `API key “${key.name}” revoked.` };
  });
}
