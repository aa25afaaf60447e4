import { z } from "zod";
import { API_KEY_SCOPES } from "@/lib/api-keys/scopes";
import { PLATFORM_SCOPES } from "@/lib/permissions/platform";

export const MAX_API_KEY_NAME = 100;

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : (v ?? ""));
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a key stops working: a date alone means "valid through that day" (it expires at the next
 * midnight UTC); a date-time needs its time zone. Always in the future.
 */
export const apiKeyExpirySchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Enter a date (YYYY-MM-DD) or a date-time with a time zone" })
  .transform((v) => (v.length === 10 ? new Date(Date.parse(`${v}T00:00:00Z`) + DAY_MS) : new Date(v)))
  .refine((date) => date.getTime() > Date.now(), "Choose a date in the future");

/** Name, scopes (from `allowed`) and an optional expiry: the same form for tenant and platform keys. */
function createKeySchema<const S extends readonly [string, ...string[]]>(allowed: S) {
  return z.object({
    name: z.preprocess(trimmed, z.string().min(1, { error: "Enter a name", abort: true }).max(MAX_API_KEY_NAME, `A name has at most ${MAX_API_KEY_NAME} characters`)),
    scopes: z
      .array(z.enum(allowed, { error: "Unknown scope" }))
      .min(1, "Choose at least one scope")
      .max(allowed.length)
      .transform((scopes) => [...new Set(scopes)]),
    expiresAt: z.preprocess(blankToUndefined, apiKeyExpirySchema.optional()),
  });
}

export const createApiKeySchema = createKeySchema(API_KEY_SCOPES);
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

/** A platform key (console): platform scopes only. */
export const createPlatformApiKeySchema = createKeySchema(PLATFORM_SCOPES);
export type CreatePlatformApiKeyInput = z.output<typeof createPlatformApiKeySchema>;

/** An API key's id as URLs and forms carry it. */
export const apiKeyIdSchema = z.guid();
