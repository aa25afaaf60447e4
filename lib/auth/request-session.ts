import { getToken } from "next-auth/jwt";
import { sessionSecret } from "@/lib/secrets/client-secret";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { openSession } from "@/lib/sessions/service";
import { decodeComponent } from "@/lib/input/percent";

export interface RequestSession {
  username: string;
  roles: string[];
  /** The realm user's id (`sub`) the session was issued to. */
  subject: string | null;
}

/**
 * The next-auth session carried by a request's cookie, decrypted with this tenant's key — for route
 * handlers, which get a plain Request. Another tenant's cookie does not decrypt, so it yields null.
 */
export async function sessionFromRequest(request: Request, tenant: ResolvedTenant): Promise<RequestSession | null> {
  const secureCookie = new URL(request.url).protocol === "https:";
  const cookies = Object.fromEntries(
    (request.headers.get("cookie") ?? "")
      .split(";")
      .map((part) => part.trim().split("="))
      .filter((pair): pair is [string, ...string[]] => Boolean(pair[0]))
      // A value that does not decode is kept as sent (as the cookie package does), not a URIError.
      .map(([name, ...value]) => [name, decodeComponent(value.join("=")) ?? value.join("=")]),
  );
  // getToken reads `req.cookies` (as Next's API routes provide it); a Request has only the header.
  const token = await getToken({ req: { cookies, headers: Object.fromEntries(request.headers) } as never, secret: sessionSecret(tenant.id), secureCookie });
  if (!token || token.tenant !== tenant.key || !token.username) return null;
  if (!(await openSession(tenant, token.sid, token.username))) return null;
  return { username: token.username, roles: token.roles ?? [], subject: token.sub ?? null };
}
