import { z } from "zod";
import { tenantRoleSchema, updateUserSchema, usernameSchema, USER_STATES } from "@/lib/users/schema";
import { timestamp } from "@/lib/api/schemas/common";

export const userListItemSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  enabled: z.boolean(),
  provisioningState: z.string().meta({ description: `Whether the identity realm has taken the latest change: ${USER_STATES.join(", ")}.`, example: "synced" }),
  isBreakGlass: z.boolean(),
  createdAt: timestamp,
});

export const userSchema = userListItemSchema.extend({
  tenantRole: z
    .string()
    .nullable()
    .meta({ description: "Tenant-wide role: tenant-admin, auditor or member. null: a user from before Gatehouse kept roles; the realm's role applies.", example: "member" }),
  syncError: z.string().nullable().meta({ description: "Why the last sync with the identity realm failed, if it did." }),
  updatedAt: timestamp,
});

export const createdUserSchema = userSchema.extend({
  oneTimePassword: z.string().optional().meta({ description: "Generated initial password (passwordMode `generate`), returned this once." }),
  setPasswordLink: z.object({ url: z.string(), expiresAt: timestamp }).optional().meta({
    description:
      "With passwordMode `link`: a single-use link on the tenant's host where the user chooses their password, returned this once. Gatehouse sends no email: pass it on.",
  }),
});

/** Keyset page: pass `next` as `after` for the following page. */
export const userPageSchema = z.object({
  items: z.array(userListItemSchema),
  next: z.string().nullable(),
});

/** A new `username`, profile fields, `enabled` and `tenantRole`; fields left out stay as they are, an empty string clears one. */
export const patchUserSchema = updateUserSchema.extend({
  username: usernameSchema.optional().meta({
    description:
      "Renames the user (needs user:update): memberships follow, the user's sessions end and they sign in with the new name. A taken name is a 409 conflict; the break-glass admin cannot be renamed.",
    example: "jane.doe",
  }),
  enabled: z.boolean().optional().meta({ description: "false disables the user at once (sessions end, sign-in is refused)." }),
  tenantRole: tenantRoleSchema.optional().meta({
    description: "Changes the tenant-wide role (needs user:update and every permission of the old and the new role). The break-glass admin stays tenant-admin.",
  }),
});
export type PatchUserInput = z.output<typeof patchUserSchema>;
