import { z } from "zod";
import { plainText } from "@/lib/input/text";
import { TENANT_ROLES } from "@/lib/identity/roles";
import { PERSON_NAME_PROHIBITED } from "@/shared/user-profile";
import { passwordSchema } from "@/lib/passwords/schema";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

// At least 3 characters, as the realm's user profile (lib/identity/user-profile.ts) requires:
// a username the realm would refuse is refused here first, next to the field.
export const USERNAME_RULE = /^[a-z0-9][a-z0-9._@-]{2,62}$/;

export const usernameSchema = z.string().trim().toLowerCase().regex(USERNAME_RULE, "Use 3–63 characters: lowercase letters, digits and . _ @ -, starting with a letter or digit");

export const personNameSchema = z
  .string()
  .max(100, "At most 100 characters")
  .refine((v) => !PERSON_NAME_PROHIBITED.test(v), 'Names cannot contain < > & " $ % ! # ? § ; * ~ / \\ | ^ = [ ] { } ( ) or line breaks');

const profile = {
  email: z.preprocess(blankToUndefined, z.email("Enter a valid email address").max(254).optional()),
  firstName: z.preprocess(blankToUndefined, personNameSchema.optional()),
  lastName: z.preprocess(blankToUndefined, personNameSchema.optional()),
};

export const tenantRoleSchema = z.enum(TENANT_ROLES, { error: "Choose a role" });

export const createUserSchema = z
  .object({
    username: usernameSchema,
    ...profile,
    tenantRole: tenantRoleSchema.default("member"),
    /**
     * "set": the admin types the password; "generate": a one-time password the user must change at
     * first sign-in; "link": a single-use set-password link for the user; "none": no password yet
     * (an admin resets one later; provisioning systems).
     */
    passwordMode: z.enum(["set", "generate", "link", "none"]).default("generate"),
    password: z.preprocess(blankToUndefined, passwordSchema.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.passwordMode === "set" && !v.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Enter the initial password, or let Gatehouse generate one" });
  });
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z.object(profile);
export type UpdateUserInput = z.output<typeof updateUserSchema>;

/** A user's new username (the same rules as at creation). */
export const renameUserSchema = z.object({ username: usernameSchema });

export const changeTenantRoleSchema = z.object({ tenantRole: tenantRoleSchema });

export const USER_STATES = ["pending", "synced", "failed"] as const;

/** Users list query: prefix search, filters, keyset cursor (the last username of the previous page). */
export const userListQuerySchema = z.object({
  q: plainText().trim().toLowerCase().max(100).catch("").default(""),
  enabled: z
    .enum(["true", "false"])
    .meta({ description: "The text `true` (only enabled users) or `false` (only disabled users): a query string carries text, not JSON booleans." })
    .optional()
    .catch(undefined),
  state: z.enum(USER_STATES).optional().catch(undefined),
  after: plainText().max(63).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type UserListQuery = z.output<typeof userListQuerySchema>;
