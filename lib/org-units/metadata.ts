import { z } from "zod";

/** Metadata of an org unit: string values under keys, as the customer wants to label its OUs. */
export type OrgUnitMetadata = Record<string, string>;

export const METADATA_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/;
export const MAX_METADATA_ENTRIES = 50;
export const MAX_METADATA_VALUE_LENGTH = 500;

const keyMessage = (key: unknown) => `Key “${String(key)}” must start with a letter and contain only letters, digits, “_”, “.” or “-” (at most 64 characters)`;

const keySchema = z.string().regex(METADATA_KEY_PATTERN, { error: (issue) => keyMessage(issue.input) });
const valueSchema = z
  .string()
  .max(MAX_METADATA_VALUE_LENGTH, `Each value must be at most ${MAX_METADATA_VALUE_LENGTH} characters`)
  .refine((value) => !/[\r\n]/.test(value), "Values cannot contain line breaks");

/** Metadata as a JSON object (the REST shape and what is stored). */
export const metadataSchema = z
  .record(keySchema, valueSchema, { error: (issue) => (issue.code === "invalid_key" ? keyMessage(issue.input) : undefined) })
  .refine((entries) => Object.keys(entries).length <= MAX_METADATA_ENTRIES, `At most ${MAX_METADATA_ENTRIES} metadata entries`);

/**
 * Metadata as the form's textarea sends it: one `key=value` per line (blank lines ignored; the
 * value is everything after the first `=`), checked with the same rules as the JSON shape.
 */
export const metadataTextSchema = z
  .string()
  .transform((text, ctx): OrgUnitMetadata => {
    const entries = new Map<string, string>();
    text.split(/\r?\n|\r/).forEach((raw, index) => {
      const line = raw.trim();
      if (line === "") return;
      const eq = line.indexOf("=");
      if (eq < 1) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: write each entry as key=value` });
        return;
      }
      const key = line.slice(0, eq).trim();
      if (entries.has(key)) ctx.addIssue({ code: "custom", message: `Key “${key}” appears more than once` });
      entries.set(key, line.slice(eq + 1).trim());
    });
    return Object.fromEntries(entries);
  })
  .pipe(metadataSchema);

/** The textarea form of stored metadata (keys in order). */
export function metadataToText(metadata: OrgUnitMetadata): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

/** Stored JSON back as metadata; anything that is not a string value is left out. */
export function metadataFromJson(value: unknown): OrgUnitMetadata {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
