import type { IncomingMessage } from "node:http";
import { jwtVerify } from "jose";
import type { Queryable } from "@/idp/db";
import { ADMIN_ROLE, MASTER_REALM } from "@/idp/config";
import { HttpError } from "@/idp/http/respond";
import type { RealmRuntimes } from "@/idp/oidc/runtime";
import { roleNamesOfUser } from "@/idp/store/roles";
import { findRealm } from "@/idp/store/realms";
import { findUser } from "@/idp/store/users";

const unauthorized = () => new HttpError(401, { error: "HTTP 401 Unauthorized" });
const forbidden = () => new HttpError(403, { error: "HTTP 403 Forbidden" });

/**
 * Admin access as Keycloak grants it: a bearer access token issued by the master realm (signature,
 * issuer, expiry, not issued before the realm's `notBefore`) whose user is enabled and holds the
 * master realm role "admin" right now.
 */
export async function requireAdmin(db: Queryable, runtimes: RealmRuntimes, req: IncomingMessage): Promise<string> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) throw unauthorized();
  const master = await runtimes.get(MASTER_REALM);
  if (!master) throw unauthorized();
  let sub: string | undefined;
  let iat: number | undefined;
  try {
    ({
      payload: { sub, iat },
    } = await jwtVerify(match[1], master.keySet, { issuer: master.issuer, algorithms: ["RS256"], typ: "at+jwt" }));
  } catch {
    throw unauthorized();
  }
  const realm = await findRealm(db, MASTER_REALM);
  if (!realm || (iat ?? 0) < realm.notBefore) throw unauthorized();
  const user = sub ? await findUser(db, MASTER_REALM, sub) : null;
  if (!user?.enabled) throw unauthorized();
  if (!(await roleNamesOfUser(db, user.id)).includes(ADMIN_ROLE)) throw forbidden();
  return user.id;
}
