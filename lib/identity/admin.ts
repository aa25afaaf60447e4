import KcAdminClient from "@keycloak/keycloak-admin-client";
import { identityConfig } from "@/lib/identity/config";
import { processSingleton } from "@/lib/db/global-singleton";

export type AdminClient = InstanceType<typeof KcAdminClient>;

interface Session {
  client: AdminClient;
  authenticating: Promise<void> | null;
}

const SESSION_KEY = "identity-admin";

async function authenticate(session: Session): Promise<void> {
  const { admin } = identityConfig();
  session.authenticating ??= session.client.auth(admin).finally(() => {
    session.authenticating = null;
  });
  await session.authenticating;
}

function session(): Session {
  return processSingleton(SESSION_KEY, (): Session => {
    const config = identityConfig();
    const client = new KcAdminClient({ baseUrl: config.adminUrl, realmName: "master", timeout: config.timeoutMs });
    const created: Session = { client, authenticating: null };
    // The library refreshes an expired token with the refresh token, which a client-credentials
    // grant does not get ("Cannot refresh token"): every call asks this provider instead, which
    // signs in again whenever the token is about to expire, even in the middle of an operation.
    client.registerTokenProvider({
      async getAccessToken() {
        if (!client.accessToken || client.isTokenExpired()) await authenticate(created);
        return client.accessToken;
      },
    });
    return created;
  });
}

/**
 * The admin REST client (Keycloak's own library), authenticated against the `master` realm and
 * re-authenticated whenever its token expires (see the token provider above). Every call names its realm explicitly and is cut
 * off after KEYCLOAK_ADMIN_TIMEOUT_MS. Prefer `withAdmin`, which also recovers a revoked session.
 */
export async function identityAdmin(): Promise<AdminClient> {
  const current = session();
  // Some callers read `accessToken` themselves (a raw fetch): hand out a fresh one.
  if (!current.client.accessToken || current.client.isTokenExpired()) await authenticate(current);
  return current.client;
}

/**
 * Runs one admin operation. A 401 means the admin session was revoked (or the server restarted
 * on other data) and the request was not carried out: the client is reset, signs in again and the
 * operation is retried once.
 */
export async function withAdmin<T>(operation: (admin: AdminClient) => Promise<T>): Promise<T> {
  try {
    return await operation(await identityAdmin());
  } catch (error) {
    if (httpStatus(error) !== 401) throw error;
    resetIdentityAdmin();
    return operation(await identityAdmin());
  }
}

/** Keycloak answers 404 for an unknown entity and 409 for a duplicate; the client throws with `response.status`. */
export function httpStatus(error: unknown): number | undefined {
  const e = error as { response?: { status?: number }; responseData?: unknown };
  return e?.response?.status;
}

/** Forgets the authenticated client, e.g. after the identity configuration changed. */
export function resetIdentityAdmin(): void {
  const key = Symbol.for(`gatehouse.${SESSION_KEY}`);
  delete (globalThis as Record<symbol, unknown>)[key];
}
