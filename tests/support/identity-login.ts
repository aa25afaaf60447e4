import { identityAdmin } from "@/lib/identity/admin";
import { identityConfig } from "@/lib/identity/config";
import type { FetchLike } from "@/tests/support/from-address";

const CLIENT_ID = "test-password-login";

/** What the token endpoint answered a password grant. */
export interface PasswordGrantAnswer {
  status: number;
  /** `error` and `error_description` of a refusal; empty when tokens were issued. */
  error: string;
  description: string;
  retryAfter: string | null;
}

/**
 * The realm's answer to `username` / `password` at its token endpoint (over HTTP, the same checks
 * as its login page), through a public test client with the password grant, sent with `fetchImpl`
 * (e.g. from another source address, tests/support/from-address.ts).
 */
export async function passwordGrant(
  realm: string,
  username: string,
  password: string,
  fetchImpl: FetchLike = fetch,
  realmBase = identityConfig().baseUrl,
): Promise<PasswordGrantAnswer> {
  const admin = await identityAdmin();
  const [existing] = await admin.clients.find({ realm, clientId: CLIENT_ID });
  if (!existing) await admin.clients.create({ realm, clientId: CLIENT_ID, publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false, enabled: true });
  const response = await fetchImpl(`${realmBase}/realms/${realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: CLIENT_ID, username, password, scope: "openid" }).toString(),
  });
  const body = (await response.json()) as { error?: string; error_description?: string };
  return {
    status: response.status,
    error: response.ok ? "" : (body.error ?? ""),
    description: response.ok ? "" : (body.error_description ?? ""),
    retryAfter: response.headers.get("retry-after"),
  };
}

/** Whether the realm accepts `username` / `password` at its token endpoint (see passwordGrant). */
export async function passwordAccepted(realm: string, username: string, password: string, fetchImpl: FetchLike = fetch): Promise<boolean> {
  return (await passwordGrant(realm, username, password, fetchImpl)).status === 200;
}
