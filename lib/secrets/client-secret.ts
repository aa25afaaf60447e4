import { deriveSecret } from "@/lib/secrets/keys";

/** The `gatehouse` client's secret in a tenant's realm: derived, so it is never stored. */
export function appClientSecret(tenantId: string): string {
  return deriveSecret("oidc-client-secret", tenantId);
}

/** Key that encrypts a tenant's session cookies: a cookie of one tenant cannot be read by another. */
export function sessionSecret(tenantId: string): string {
  return deriveSecret("session", tenantId);
}
