import { LRUCache } from "lru-cache";

export interface SingleFlightOptions<V> {
  max: number;
  /** Entry lifetime in ms (bounds staleness when an invalidation is missed). */
  ttl: number;
  /** Whether a loaded value is kept (default: every value but null and undefined). */
  keep?: (value: V) => boolean;
  /** A shorter lifetime for some values (for example "not found"), in ms. */
  ttlOf?: (value: V) => number | undefined;
}

/**
 * A bounded, expiring per-process cache whose concurrent misses of one key share one load, and
 * whose drops also void the loads in flight: a load that started before a drop may have read
 * the old state, so its result is returned to its callers but never cached.
 */
export class SingleFlightCache<V extends object | null> {
  private readonly entries: LRUCache<string, { value: V }>;
  private readonly pending = new Map<string, Promise<V>>();
  /** Bumped by every drop; a load caches its value only if none happened while it ran. */
  private generation = 0;

  constructor(private readonly options: SingleFlightOptions<V>) {
    this.entries = new LRUCache({ max: options.max, ttl: options.ttl || 1 });
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) return Promise.resolve(hit.value);
    const running = this.pending.get(key);
    if (running) return running;
    const startedAt = this.generation;
    const current: Promise<V> = load()
      .then((value) => {
        const keep = this.options.keep ? this.options.keep(value) : value !== null && value !== undefined;
        if (keep && this.generation === startedAt) this.entries.set(key, { value }, { ttl: this.options.ttlOf?.(value) });
        return value;
      })
      .finally(() => {
        if (this.pending.get(key) === current) this.pending.delete(key);
      });
    this.pending.set(key, current);
    return current;
  }

  /** Whether a value is cached (not merely loading) under `key`. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The most entries kept. */
  get max(): number {
    return this.entries.max;
  }

  /** Drops the entries `matches` picks (every entry without one) and voids every load in flight. */
  drop(matches?: (key: string, value: V) => boolean): void {
    this.generation++;
    this.pending.clear();
    if (!matches) return this.entries.clear();
    for (const [key, entry] of this.entries.entries()) if (matches(key, entry.value)) this.entries.delete(key);
  }
}
