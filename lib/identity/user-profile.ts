import type { AdminClient } from "@/lib/identity/admin";
import { USERNAME_LENGTH } from "@/shared/user-profile";

const EVERYONE_VIEWS = { view: ["admin", "user"], edit: ["admin", "user"] };

/**
 * The user profile Gatehouse gives every realm (Keycloak's `users/profile`). Keycloak's default
 * requires email, first and last name of every user, so users Gatehouse creates without them (the
 * break-glass admin, SCIM and API users) would meet an "update account information" page at
 * sign-in and the password grant would refuse them. Here nothing but the username is required;
 * the validators are Keycloak's own, and lib/users/schema.ts applies the same rules before a user
 * ever reaches the realm.
 */
export const GATEHOUSE_USER_PROFILE = {
  attributes: [
    {
      name: "username",
      displayName: "${username}",
      validations: { length: USERNAME_LENGTH, "username-prohibited-characters": {}, "up-username-not-idn-homograph": {} },
      permissions: { view: ["admin", "user"], edit: ["admin"] },
      multivalued: false,
    },
    { name: "email", displayName: "${email}", validations: { email: {}, length: { max: 255 } }, permissions: EVERYONE_VIEWS, multivalued: false },
    {
      name: "firstName",
      displayName: "${firstName}",
      validations: { length: { max: 255 }, "person-name-prohibited-characters": {} },
      permissions: EVERYONE_VIEWS,
      multivalued: false,
    },
    {
      name: "lastName",
      displayName: "${lastName}",
      validations: { length: { max: 255 }, "person-name-prohibited-characters": {} },
      permissions: EVERYONE_VIEWS,
      multivalued: false,
    },
  ],
  groups: [{ name: "user-metadata", displayHeader: "User metadata", displayDescription: "Attributes, which refer to user metadata" }],
};

type ProfileConfig = Parameters<AdminClient["users"]["updateProfile"]>[0];

export async function applyUserProfile(admin: AdminClient, realm: string): Promise<void> {
  await admin.users.updateProfile({ realm, ...(GATEHOUSE_USER_PROFILE as unknown as ProfileConfig) });
}
