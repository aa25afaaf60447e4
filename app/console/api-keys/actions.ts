"use server";

import { authorizeSuperadmin } from "@/lib/auth/guards";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { createPlatformApiKeySchema } from "@/lib/api-keys/schema";
import { createPlatformApiKey, revokeApiKey } from "@/lib/api-keys/service";

export async function createPlatformApiKeyAction(prev: FormState, formData: FormData): Promise<FormState> {
  const scopes = formData.getAll("scopes").filter((value): value is string => typeof value === "string");
  // Form values are single strings; the checked scopes travel back as one list to re-check them.
  const values: Record<string, string> = { ...formValues(formData), scopes: scopes.join(",") };
  return runAction(prev, values, async () => {
    const { tenant, actor } = await authorizeSuperadmin();
    const input = parseOrThrow(createPlatformApiKeySchema, { name: values.name, scopes, expiresAt: values.expiresAt });
    const { key, secret } = await createPlatformApiKey(tenant, input, actor);
    return { message: `Platform API key “${key.name}” created.`, values: { name: key.name, secret } };
  });
}

export async function revokePlatformApiKeyAction(id: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, actor } = await authorizeSuperadmin();
    const key = await revokeApiKey(tenant, id, actor);
    return { message: `API key “${key.name}” revoked.` };
  });
}
