// The one password rule of every Gatehouse realm. The app's forms, REST, SCIM, set-password links
// and invitations check it (lib/passwords/schema.ts); every realm carries it as its
// `passwordPolicy` (ensureRealm), so the identity server's own pages — Keycloak's update-password
// page, the embedded server's (idp/auth/password-policy.ts) — and its admin API refuse what the
// app would. No imports: client components show the hint too.

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** The rule in Keycloak's `passwordPolicy` syntax. */
export const REALM_PASSWORD_POLICY = `length(${PASSWORD_MIN_LENGTH}) and maxLength(${PASSWORD_MAX_LENGTH})`;

export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters.`;
