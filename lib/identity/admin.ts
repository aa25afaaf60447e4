import KcAdminClient from "@keycloak/keycloak-admin-client";
import { identityConfig } from "@/lib/identity/config";
import { processSingleton } from "@/lib/db/global-singleton";

type AdminClient = InstanceType<typeof KcAdminClient>;

interface Session {
  client: AdminClient;
  authenticating: Promise<void> | null;
}

async function authenticate(session: Session): Promise<void> {
  const { admin } = identityConfig();
  session.authenticating ??= session.client
    .auth({ grantType: "password", clientId: admin.clientId, username: admin.username, password: admin.password })
    .finally(() => {
      session.authenticating = null;
    });
  await session.authenticating;
}

/**
 * The admin REST client (Keycloak's own library), authenticated against the `master` realm and
 * re-authenticated shortly before its token expires. Every call names its realm explicitly.
 */
export async function identityAdmin(): Promise<AdminClient> {
  const session = processSingleton("identity-admin", (): Session => ({
    client: new KcAdminClient({ baseUrl: identityConfig().baseUrl, realmName: "master" }),
    authenticating: null,
  }));
  if (!session.client.accessToken || session.client.isTokenExpired()) await authenticate(session);
  return session.client;
}

/** Keycloak answers 404 for an unknown entity and 409 for a duplicate; the client throws with `response.status`. */
export function httpStatus(error: unknown): number | undefined {
  const e = error as { response?: { status?: number }; responseData?: unknown };
  return e?.response?.status;
}

/** Forgets the authenticated client, e.g. after the identity configuration changed. */
export function resetIdentityAdmin(): void {
  const key = Symbol.for("gatehouse.identity-admin");
  delete (globalThis as Record<symbol, unknown>)[key];
}
