import { randomBytes } from "node:crypto";
import { ORG_UNIT_IDENTIFIER_PATTERN } from "@/lib/org-units/schema";

/**
 * An org-unit identifier for a SCIM group's displayName: lower-cased ASCII, accents dropped, runs of
 * anything else as "-" ("Sales – EMEA" → "sales-emea"). A name with nothing left (all non-Latin
 * script) gets "group-" and a random suffix.
 */
export function groupIdentifier(displayName: string): string {
  const slug = displayName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^[-_]+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return ORG_UNIT_IDENTIFIER_PATTERN.test(slug) ? slug : `group-${randomBytes(4).toString("hex")}`;
}
