import { identityAdmin } from "@/lib/identity/admin";
import { identityConfig } from "@/lib/identity/config";

const CLIENT_ID = "test-password-login";

/**
 * Whether the realm accepts `username` / `password` at its token endpoint (over HTTP, the same
 * checks as its login page), through a public test client with the password grant.
 */
export async function passwordAccepted(realm: string, username: string, password: string): Promise<boolean> {
  const admin = await identityAdmin();
  const [existing] = await admin.clients.find({ realm, clientId: CLIENT_ID });
  if (!existing) await admin.clients.create({ realm, clientId: CLIENT_ID, publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false, enabled: true });
  const response = await fetch(`${identityConfig().baseUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: CLIENT_ID, username, password, scope: "openid" }),
  });
  return response.ok;
}
