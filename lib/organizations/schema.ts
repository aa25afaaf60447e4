import { z } from "zod";
import { usernameSchema } from "@/lib/users/schema";
import { choosePasswordSchema } from "@/lib/set-password-links/schema";
import { ORGANIZATION_ROLES } from "@/lib/organizations/roles";

export const organizationRoleSchema = z.enum(ORGANIZATION_ROLES, { error: "Choose a role" });

export const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter an email address such as name@example.com" })),
  role: organizationRoleSchema,
});
export type InviteInput = z.output<typeof inviteSchema>;

export const changeOrganizationRoleSchema = z.object({ role: organizationRoleSchema });

/** Accepting an invitation without an account: a username of the cloud realm and a password, twice. */
export const newAccountSchema = z.object({ username: usernameSchema }).and(choosePasswordSchema);
