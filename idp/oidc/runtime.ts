import type { IncomingMessage, ServerResponse } from "node:http";
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey } from "jose";
import { LRUCache } from "lru-cache";
import type Provider from "oidc-provider";
import { REALM_CACHE_TTL_MS } from "@/idp/config";
import { buildRealmProvider, type ProviderDeps } from "@/idp/oidc/provider";
import { issuerOf, realmPublicUrl } from "@/idp/oidc/paths";
import { realmProtocolMappers } from "@/idp/store/clients";
import { publicJwk, publishedKeys } from "@/idp/store/keys";
import { findRealm, type Realm } from "@/idp/store/realms";

/** Everything the server needs to serve one realm, built from the database on first use. */
export interface RealmRuntime {
  realm: Realm;
  issuer: string;
  provider: Provider;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Public keys of the realm's JWKS, for verifying its tokens here (admin API, userinfo). */
  jwks: JWK[];
  keySet: JWTVerifyGetKey;
}

/**
 * A bounded LRU of realm runtimes, so thousands of realms cost memory only while in use. A change
 * made through this process invalidates its entry at once; the TTL bounds how long a change made
 * by another process on the same database goes unseen.
 */
export class RealmRuntimes {
  private readonly cache: LRUCache<string, RealmRuntime>;
  private readonly pending = new Map<string, Promise<RealmRuntime | null>>();
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly deps: ProviderDeps,
    max: number,
  ) {
    this.cache = new LRUCache({ max, ttl: REALM_CACHE_TTL_MS });
  }

  /** The realm's runtime, or null when there is no such realm. */
  get(name: string): Promise<RealmRuntime | null> {
    const cached = this.cache.get(name);
    if (cached) return Promise.resolve(cached);
    let pending = this.pending.get(name);
    if (!pending) {
      const generation = this.generation.get(name) ?? 0;
      pending = this.build(name).then(
        (runtime) => {
          if (this.pending.get(name) === pending) this.pending.delete(name);
          if (runtime && (this.generation.get(name) ?? 0) === generation) this.cache.set(name, runtime);
          return runtime;
        },
        (error: unknown) => {
          if (this.pending.get(name) === pending) this.pending.delete(name);
          throw error;
        },
      );
      this.pending.set(name, pending);
    }
    return pending;
  }

  invalidate(name: string): void {
    this.generation.set(name, (this.generation.get(name) ?? 0) + 1);
    this.cache.delete(name);
    this.pending.delete(name);
  }

  get size(): number {
    return this.cache.size;
  }

  private async build(name: string): Promise<RealmRuntime | null> {
    const realm = await findRealm(this.deps.db, name);
    if (!realm) return null;
    const [keys, mappers] = await Promise.all([publishedKeys(this.deps.db, name), realmProtocolMappers(this.deps.db, name)]);
    if (keys.length === 0) throw new Error(`realm ${name} has no signing key`);
    const provider = buildRealmProvider(this.deps, { realm, keys, mappers });
    const jwks = keys.map(publicJwk);
    return {
      realm,
      issuer: issuerOf(realmPublicUrl(this.deps.publicUrl, realm.attributes), name),
      provider,
      handle: provider.callback(),
      jwks,
      keySet: createLocalJWKSet({ keys: jwks }),
    };
  }
}
