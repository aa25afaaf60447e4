import { LRUCache } from "lru-cache";
import { backchannelRealmUrl } from "@/lib/identity/config";

/** What the app takes from a realm's OpenID configuration. */
export interface RealmDiscovery {
  issuer: string;
  end_session_endpoint?: string;
}

// A realm's discovery changes only with its frontendUrl (a custom domain); a minute is soon enough.
const cache = new LRUCache<string, RealmDiscovery>({ max: 10_000, ttl: 60_000 });

/** The realm's discovery document on the back channel (what the app's server fetches). */
export function discoveryUrl(realm: string): string {
  return `${backchannelRealmUrl(realm)}/.well-known/openid-configuration`;
}

/**
 * The realm's OpenID configuration. With a `frontendUrl` (a custom domain) Keycloak moves the
 * issuer and the browser-facing endpoints there, so they are read from here, never built.
 */
export async function realmDiscovery(realm: string): Promise<RealmDiscovery> {
  const url = discoveryUrl(realm);
  const cached = cache.get(url);
  if (cached) return cached;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`OpenID discovery of realm ${realm} answered HTTP ${response.status}`);
  const document = (await response.json()) as RealmDiscovery;
  if (typeof document.issuer !== "string") throw new Error(`OpenID discovery of realm ${realm} has no issuer`);
  cache.set(url, document);
  return document;
}

/** Forgets the realm's discovery, e.g. after its frontendUrl changed. */
export function forgetRealmDiscovery(realm: string): void {
  cache.delete(discoveryUrl(realm));
}
