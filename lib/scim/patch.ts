import { z } from "zod";
import { scimPatch, ScimError as PatchLibraryError, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { invalidValue, ScimError, type ScimType } from "@/lib/scim/errors";
import { SCIM_SCHEMAS } from "@/lib/scim/schemas";

// PATCH (RFC 7644 §3.5.2) as Okta and Microsoft Entra ID send it. scim-patch applies the
// operations to the resource's current SCIM form, including Entra's capitalised ops
// ("Replace"), path-less replaces with a value object (also with paths as keys,
// {"name.givenName": …}), value-filtered paths (emails[type eq "work"].value,
// members[value eq "…"]) and remove-with-value. The caller then saves the difference.

const MAX_OPERATIONS = 1000;

const patchBodySchema = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(SCIM_SCHEMAS.patchOp), `schemas must include ${SCIM_SCHEMAS.patchOp}`),
  Operations: z
    .array(
      z.object({
        op: z.string().refine((op) => ["add", "remove", "replace"].includes(op.toLowerCase()), "op is add, remove or replace"),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1, "Send at least one operation")
    .max(MAX_OPERATIONS, `At most ${MAX_OPERATIONS} operations`),
});

function bodyProblem(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}

const PLAIN_VALUE = /^[^"\\]+$/;

/**
 * Entra removes members as `{"op":"Remove","path":"members","value":[{"$ref":null,"value":"<id>"}]}`;
 * scim-patch would only remove an entry equal in every sub-attribute ($ref differs), so each is
 * turned into `members[value eq "<id>"]`, which matches by value alone.
 */
function removeByValue(path: string, value: unknown): ScimPatchOperation[] | null {
  if (!/^[A-Za-z$][\w$]*$/.test(path) || !Array.isArray(value)) return null;
  const ids = value.map((item: unknown) => (item && typeof item === "object" && "value" in item ? item.value : undefined));
  if (!ids.every((id): id is string => typeof id === "string" && PLAIN_VALUE.test(id))) return null;
  return ids.map((id) => ({ op: "remove", path: `${path}[value eq "${id}"]` }));
}

function operationsOf(body: unknown): ScimPatchOperation[] {
  const parsed = patchBodySchema.safeParse(body);
  if (!parsed.success) throw new ScimError(400, "invalidSyntax", `Not a SCIM PatchOp request: ${bodyProblem(parsed.error)}`);
  return parsed.data.Operations.flatMap(({ op, path, value }): ScimPatchOperation[] => {
    const lower = op.toLowerCase() as "add" | "remove" | "replace";
    if (lower === "remove") {
      if (!path) throw new ScimError(400, "noTarget", "A remove operation needs a path.");
      return removeByValue(path, value) ?? [{ op: lower, path, ...(value !== undefined ? { value } : {}) }];
    }
    return [{ op: lower, ...(path ? { path } : {}), value }];
  });
}

const KNOWN_SCIM_TYPES = new Set<string>(["invalidFilter", "invalidValue", "invalidSyntax", "invalidPath", "noTarget", "mutability"]);

/** `current` with the request's operations applied; a malformed request or path is a SCIM 400. */
export function applyPatch<R extends ScimResource>(current: R, body: unknown): R {
  const operations = operationsOf(body);
  try {
    return scimPatch(current, operations, { mutateDocument: false, treatMissingAsAdd: true });
  } catch (error) {
    if (error instanceof PatchLibraryError) {
      const scimType = error.scimCode && KNOWN_SCIM_TYPES.has(error.scimCode) ? (error.scimCode as ScimType) : "invalidValue";
      throw new ScimError(400, scimType, error.message);
    }
    if (error instanceof Error) throw invalidValue(`The patch cannot be applied: ${error.message}`);
    throw error;
  }
}
