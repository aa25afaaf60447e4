import { env } from "@/lib/config/env";
import { pickHostHeader } from "@/lib/tenancy/host";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a state-changing request that a browser would send with the session cookie came from a
 * page of another origin. Sibling subdomains are same-site, so SameSite cookies do not stop them:
 * the Origin header (or, without one, Fetch Metadata) must name this very host. Clients that send
 * neither (curl, scripts) are not browsers and cannot be tricked into sending the cookie.
 */
export function isCrossOriginWrite(request: Request): boolean {
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site");
    return site === "cross-site" || site === "same-site";
  }
  const originHost = URL.parse(origin)?.host ?? "";
  const host = pickHostHeader(request.headers, env().GATEHOUSE_TRUST_FORWARDED_HOST) ?? "";
  return originHost.toLowerCase() !== host.toLowerCase();
}
