// The user-profile rules of every Gatehouse realm that both identity servers enforce: Keycloak by
// the profile the app gives each realm (lib/identity/user-profile.ts), the embedded server in its
// admin API (idp/admin/representations.ts). lib/users/schema.ts applies them before a user ever
// reaches the realm.

/**
 * Characters Keycloak's `person-name-prohibited-characters` validator refuses in first and last
 * names (its default set: `\p{Cntrl}` and Java's `\v` vertical whitespace included).
 */
export const PERSON_NAME_PROHIBITED = /[<>&"$%!#?§;*~/\\|^=[\]{}()\u0000-\u001f\u007f\u0085\u2028\u2029]/u;

/** The username length the realm's profile allows. */
export const USERNAME_LENGTH = { min: 3, max: 255 };
