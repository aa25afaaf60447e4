import { describe, expect, it } from "vitest";
import { SingleFlightCache } from "@/lib/cache/single-flight";

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe("SingleFlightCache", () => {
  it("shares one load between concurrent misses and serves the hit afterwards", async () => {
    const cache = new SingleFlightCache<{ v: number }>({ max: 10, ttl: 60_000 });
    let loads = 0;
    const load = async () => ({ v: ++loads });
    const [a, b] = await Promise.all([cache.get("k", load), cache.get("k", load)]);
    expect(a).toBe(b);
    expect(await cache.get("k", load)).toEqual({ v: 1 });
    expect(loads).toBe(1);
  });

  it("never caches a load that was in flight when the key was dropped: the next read loads again", async () => {
    const cache = new SingleFlightCache<{ state: string }>({ max: 10, ttl: 60_000 });
    const slow = deferred<{ state: string }>();
    const before = cache.get("tenant", () => slow.promise);
    cache.drop((key) => key === "tenant"); // the tenant changed while the old state was being read
    slow.resolve({ state: "old" });
    expect(await before).toEqual({ state: "old" }); // its own caller still gets an answer
    expect(await cache.get("tenant", async () => ({ state: "new" }))).toEqual({ state: "new" });
  });

  it("starts a fresh load for callers arriving after a drop instead of joining the voided one", async () => {
    const cache = new SingleFlightCache<{ state: string }>({ max: 10, ttl: 60_000 });
    const slow = deferred<{ state: string }>();
    void cache.get("tenant", () => slow.promise);
    cache.drop();
    const after = cache.get("tenant", async () => ({ state: "new" }));
    slow.resolve({ state: "old" });
    expect(await after).toEqual({ state: "new" });
    expect(await cache.get("tenant", async () => ({ state: "never loaded" }))).toEqual({ state: "new" });
  });

  it("keeps values by its rule and lifetime: null not by default, a short TTL where asked", async () => {
    const plain = new SingleFlightCache<{ v: number } | null>({ max: 10, ttl: 60_000 });
    await plain.get("missing", async () => null);
    expect(await plain.get("missing", async () => ({ v: 1 }))).toEqual({ v: 1 });

    const negative = new SingleFlightCache<{ v: number } | null>({ max: 10, ttl: 60_000, keep: () => true, ttlOf: (v) => (v === null ? 20 : undefined) });
    await negative.get("missing", async () => null);
    expect(await negative.get("missing", async () => ({ v: 1 }))).toBeNull();
    await new Promise((r) => setTimeout(r, 40));
    expect(await negative.get("missing", async () => ({ v: 2 }))).toEqual({ v: 2 });
  });
});
