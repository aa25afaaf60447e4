import { z } from "zod";
import { metadataSchema, metadataTextSchema, type OrgUnitMetadata } from "@/lib/org-units/metadata";

/** Same rule as the database's `org_units_identifier_format` CHECK. */
export const ORG_UNIT_IDENTIFIER_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const MAX_ORG_UNIT_NAME = 100;
export const MAX_ORG_UNIT_DESCRIPTION = 500;

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : (v ?? ""));
const blankToNull = (v: unknown) => (typeof v === "string" ? v.trim() || null : (v ?? null));

export const orgUnitIdentifierSchema = z.preprocess(
  trimmed,
  z
    .string()
    .min(1, { error: "Enter an identifier", abort: true })
    .max(63, "An identifier has at most 63 characters")
    .regex(ORG_UNIT_IDENTIFIER_PATTERN, "Use lowercase letters, digits, “-” and “_”, starting with a letter or digit"),
);

/** An org unit's id as it appears in URLs and requests; anything else cannot name one. */
export const orgUnitIdSchema = z.guid();

const nameSchema = z.preprocess(trimmed, z.string().min(1, { error: "Enter a name", abort: true }).max(MAX_ORG_UNIT_NAME, `A name has at most ${MAX_ORG_UNIT_NAME} characters`));

const descriptionSchema = z.preprocess(blankToNull, z.string().max(MAX_ORG_UNIT_DESCRIPTION, `A description has at most ${MAX_ORG_UNIT_DESCRIPTION} characters`).nullable());

export const createOrgUnitSchema = z.object({
  identifier: orgUnitIdentifierSchema,
  name: nameSchema,
  description: descriptionSchema,
  metadata: metadataSchema.default({}),
});

/** Name, description and metadata, each optional (absent = unchanged); the identifier never changes. */
export const updateOrgUnitSchema = z.object({ name: nameSchema, description: descriptionSchema, metadata: metadataSchema }).partial();

/** What a caller hands the service (validated again there). */
export interface CreateOrgUnitInput {
  identifier: string;
  name: string;
  description?: string | null;
  metadata?: OrgUnitMetadata;
}
export type UpdateOrgUnitInput = Partial<Omit<CreateOrgUnitInput, "identifier">>;

// The forms send every field, with metadata as `key=value` lines; otherwise the same rules.
const metadataField = z.preprocess((v) => v ?? "", metadataTextSchema);
export const createOrgUnitFormSchema = createOrgUnitSchema.extend({ metadata: metadataField });
export const updateOrgUnitFormSchema = z.object({ name: nameSchema, description: descriptionSchema, metadata: metadataField });

/** The delete form asks for the identifier again, so an OU is never deleted by a stray click. */
export function confirmDeletionSchema(identifier: string) {
  return z.object({
    confirmIdentifier: z.preprocess(
      trimmed,
      z.string().refine((typed) => typed === identifier, `Type “${identifier}” to confirm`),
    ),
  });
}
