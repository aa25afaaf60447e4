import { z } from "zod";
import { timestamp } from "@/lib/api/schemas/common";

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().meta({ description: "Shown in lists and logs; the secret starts with `ghk_<prefix>_`.", example: "k3mz7qa2bd" }),
  scopes: z.array(z.string()).meta({ description: "The permissions the key acts with." }),
  expiresAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
  status: z.enum(["active", "expired", "revoked"]),
});

export const createdApiKeySchema = apiKeySchema.extend({
  secret: z.string().meta({ description: "The whole key (`ghk_<prefix>_<secret>`), returned this once; only its hash is stored.", example: "ghk_k3mz7qa2bd_…" }),
});

/** Newest first, revoked and expired keys included (marked by `status`). */
export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
