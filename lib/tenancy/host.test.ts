import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type HostTarget, normalizeHost, parseHost, pickHostHeader } from "@/lib/tenancy/host";
import { tenantKeyProblem } from "@/lib/kernel/tenant-key";

const BASE = "localhost";
const invalid = (reason: Extract<HostTarget, { kind: "invalid" }>["reason"]): HostTarget => ({ kind: "invalid", reason });

describe("normalizeHost", () => {
  it("lower-cases and splits off the port", () => {
    expect(normalizeHost("ACME.Example.COM:3000")).toEqual({ hostname: "acme.example.com", port: 3000 });
    expect(normalizeHost("acme.example.com")).toEqual({ hostname: "acme.example.com", port: null });
    expect(normalizeHost(" acme.localhost:443 ")).toEqual({ hostname: "acme.localhost", port: 443 });
    expect(normalizeHost("acme.localhost:")).toEqual({ hostname: "acme.localhost", port: null });
  });

  it("rejects bad ports", () => {
    for (const raw of ["acme.localhost:65536", "acme.localhost:abc", "acme.localhost:-1", "acme.localhost:123456", "a:1:2"]) {
      expect(normalizeHost(raw), raw).toBeNull();
    }
  });

  it("strips one trailing dot", () => {
    expect(normalizeHost("acme.localhost.")).toEqual({ hostname: "acme.localhost", port: null });
    expect(normalizeHost("acme.localhost.:8080")).toEqual({ hostname: "acme.localhost", port: 8080 });
    expect(normalizeHost("acme.localhost..")).toBeNull();
  });

  it("handles IPv6 literals with and without a port", () => {
    expect(normalizeHost("[::1]:3000")).toEqual({ hostname: "[::1]", port: 3000 });
    expect(normalizeHost("[::1]")).toEqual({ hostname: "[::1]", port: null });
    expect(normalizeHost("[2001:DB8::1]")).toEqual({ hostname: "[2001:db8::1]", port: null });
    expect(normalizeHost("::1")).toEqual({ hostname: "[::1]", port: null });
    expect(normalizeHost("[::1")).toBeNull();
    expect(normalizeHost("[zz::1]")).toBeNull();
    expect(normalizeHost("[::1]x")).toBeNull();
    expect(normalizeHost("[example.com]")).toBeNull();
  });

  it("canonicalises IPv4 forms", () => {
    expect(normalizeHost("127.0.0.1:3000")).toEqual({ hostname: "127.0.0.1", port: 3000 });
    expect(normalizeHost("0x7f.1")).toEqual({ hostname: "127.0.0.1", port: null });
    expect(normalizeHost("256.1.1.1")).toBeNull();
  });

  it("converts internationalised names to punycode", () => {
    expect(normalizeHost("bücher.example")).toEqual({ hostname: "xn--bcher-kva.example", port: null });
    expect(normalizeHost("BÜCHER.example:8443")).toEqual({ hostname: "xn--bcher-kva.example", port: 8443 });
    expect(normalizeHost("xn--bcher-kva.example")).toEqual({ hostname: "xn--bcher-kva.example", port: null });
    expect(normalizeHost("ａｃｍｅ。example")).toEqual({ hostname: "acme.example", port: null });
  });

  it("rejects garbage", () => {
    for (const raw of [
      null,
      undefined,
      "",
      "   ",
      "acme corp.example",
      "acme.example/evil",
      "user@acme.example",
      "acme.example?x",
      "acme.example#x",
      "a%41.example",
      "acme_corp.example",
      "-acme.example",
      "acme-.example",
      "a..example",
      ".example",
      "acme.example\u0000",
      "a\u200db.example",
      "a／b.example",
      `${"a".repeat(64)}.example`,
      `${"abcdefghi.".repeat(25)}example`,
      "x".repeat(2000),
    ]) {
      expect(normalizeHost(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it("accepts labels of 63 characters and hostnames of 253", () => {
    const label = "a".repeat(63);
    expect(normalizeHost(`${label}.example`)?.hostname).toBe(`${label}.example`);
    const long = `${"a".repeat(61)}.${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.eeeee`; // 253
    expect(long.length).toBe(253);
    expect(normalizeHost(long)?.hostname).toBe(long);
    expect(normalizeHost(`${long}e`)).toBeNull();
  });
});

describe("parseHost", () => {
  it("routes console and cloud", () => {
    expect(parseHost("console.localhost:3000", BASE)).toEqual({ kind: "console" });
    expect(parseHost("CLOUD.localhost", BASE)).toEqual({ kind: "cloud" });
    expect(parseHost("console.example.com.", "example.com")).toEqual({ kind: "console" });
  });

  it("routes tenant subdomains", () => {
    expect(parseHost("acme.localhost:3000", BASE)).toEqual({ kind: "tenant", key: "acme" });
    expect(parseHost("ACME.LOCALHOST", BASE)).toEqual({ kind: "tenant", key: "acme" });
    expect(parseHost("acme.localhost.", BASE)).toEqual({ kind: "tenant", key: "acme" });
    expect(parseHost("acme-india.example.com", "example.com")).toEqual({ kind: "tenant", key: "acme-india" });
  });

  it("normalises the base domain the same way", () => {
    expect(parseHost("acme.localhost", "LOCALHOST")).toEqual({ kind: "tenant", key: "acme" });
    expect(parseHost("acme.example.com", "example.com.")).toEqual({ kind: "tenant", key: "acme" });
    expect(parseHost("acme.example.com", "Example.COM:3000")).toEqual({ kind: "tenant", key: "acme" });
    expect(parseHost("acme.xn--bcher-kva.example", "bücher.example")).toEqual({ kind: "tenant", key: "acme" });
  });

  it("throws on an invalid base domain", () => {
    expect(() => parseHost("acme.localhost", "")).toThrow(/base domain/);
    expect(() => parseHost("acme.localhost", "not a domain")).toThrow(/base domain/);
    expect(() => parseHost("acme.localhost", "127.0.0.1")).toThrow(/base domain/);
  });

  it("rejects the bare base domain", () => {
    expect(parseHost("localhost:3000", BASE)).toEqual(invalid("base"));
    expect(parseHost("localhost.", BASE)).toEqual(invalid("base"));
    expect(parseHost("Example.com", "example.com")).toEqual(invalid("base"));
  });

  it("rejects reserved keys", () => {
    for (const host of ["www.localhost", "api.localhost", "admin.localhost:3000", "gatehouse.localhost", "localhost.localhost"]) {
      expect(parseHost(host, BASE), host).toEqual(invalid("reserved"));
    }
  });

  it("rejects subdomains that are not valid tenant keys", () => {
    expect(parseHost("ab.localhost", BASE)).toEqual(invalid("malformed")); // too short
    expect(parseHost("id.localhost", BASE)).toEqual(invalid("malformed")); // reserved, but too short first
    expect(parseHost(`${"a".repeat(41)}.localhost`, BASE)).toEqual(invalid("malformed"));
    expect(parseHost("xn--bcher-kva.localhost", BASE)).toEqual(invalid("malformed"));
    expect(parseHost("bücher.localhost", BASE)).toEqual(invalid("malformed"));
  });

  it("rejects nested subdomains of the base", () => {
    expect(parseHost("a.b.localhost", BASE)).toEqual(invalid("nested"));
    expect(parseHost("acme.console.localhost", BASE)).toEqual(invalid("nested"));
    expect(parseHost("x.acme.example.com", "example.com")).toEqual(invalid("nested"));
  });

  it("treats other hosts as custom domains", () => {
    expect(parseHost("login.acme.in", BASE)).toEqual({ kind: "custom", hostname: "login.acme.in" });
    expect(parseHost("Login.Acme.IN:443", BASE)).toEqual({ kind: "custom", hostname: "login.acme.in" });
    expect(parseHost("bücher.example", BASE)).toEqual({ kind: "custom", hostname: "xn--bcher-kva.example" });
    expect(parseHost("xn--bcher-kva.example", BASE)).toEqual({ kind: "custom", hostname: "xn--bcher-kva.example" });
    // Suffix match is on whole labels only.
    expect(parseHost("acme.notexample.com", "example.com")).toEqual({ kind: "custom", hostname: "acme.notexample.com" });
    expect(parseHost("evilexample.com", "example.com")).toEqual({ kind: "custom", hostname: "evilexample.com" });
  });

  it("rejects IP literals", () => {
    for (const host of ["127.0.0.1", "127.0.0.1:3000", "10.0.0.1.", "[::1]", "[::1]:3000", "::1", "0x7f.1"]) {
      expect(parseHost(host, BASE), host).toEqual(invalid("ip"));
    }
  });

  it("reports missing and malformed hosts", () => {
    expect(parseHost(null, BASE)).toEqual(invalid("missing"));
    expect(parseHost(undefined, BASE)).toEqual(invalid("missing"));
    expect(parseHost("", BASE)).toEqual(invalid("missing"));
    expect(parseHost("  ", BASE)).toEqual(invalid("missing"));
    for (const host of ["acme corp.localhost", "acme.localhost/x", "user@acme.localhost", "acme..localhost", "-acme.localhost", "a.1"]) {
      expect(parseHost(host, BASE), host).toEqual(invalid("malformed"));
    }
  });
});

describe("pickHostHeader", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("uses Host when forwarded hosts are not trusted", () => {
    const h = headers({ host: "acme.localhost:3000", "x-forwarded-host": "evil.localhost" });
    expect(pickHostHeader(h, false)).toBe("acme.localhost:3000");
  });

  it("uses the first X-Forwarded-Host when trusted", () => {
    expect(pickHostHeader(headers({ host: "proxy.internal", "x-forwarded-host": "acme.localhost" }), true)).toBe("acme.localhost");
    expect(pickHostHeader(headers({ host: "proxy.internal", "x-forwarded-host": " acme.localhost , other.localhost" }), true)).toBe("acme.localhost");
  });

  it("falls back to Host when X-Forwarded-Host is absent or empty", () => {
    expect(pickHostHeader(headers({ host: "acme.localhost" }), true)).toBe("acme.localhost");
    expect(pickHostHeader(headers({ host: "acme.localhost", "x-forwarded-host": " , x" }), true)).toBe("acme.localhost");
  });

  it("returns null when there is no host at all", () => {
    expect(pickHostHeader(headers({}), false)).toBeNull();
    expect(pickHostHeader(headers({}), true)).toBeNull();
  });
});

// Properties of host → tenant parsing over arbitrary Host headers, with the WHATWG URL parser (what
// a browser makes of the same host) as the oracle for which host a request names.

const BASES = ["localhost", "gatehouse.example.com"];

/** Host-header text rich in what matters to a host parser: dots, colons, brackets, escapes, case, IDN. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(".", ":", "[", "]", "%", "@", "/", "\\", "-", " ", "\t", "0", "9", "x", "A", "é", "ｃ", "\u00ad", "\u3002", "console", "cloud", "localhost", "acme"),
    fc.char(),
  ),
  maxLength: 40,
});
const hostHeader = fc.oneof(tricky, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));

/** A tenant key as onboarding accepts it. */
const tenantKey = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/).filter((key) => tenantKeyProblem(key) === null);
/** The same letters in any case. */
const anyCase = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));

/** The hostname the WHATWG URL parser reads from `raw` as the authority, without a trailing dot; null when it refuses it. */
function browserHostname(raw: string): string | null {
  try {
    return new URL(`http://${raw.trim()}/`).hostname.replace(/\.$/, "");
  } catch {
    return null;
  }
}

describe("parseHost, over arbitrary Host headers", () => {
  it("never throws, and names a tenant only by a key onboarding would accept", () => {
    fc.assert(
      fc.property(hostHeader, fc.constantFrom(...BASES), (raw, base) => {
        const target = parseHost(raw, base);
        if (target.kind === "tenant") expect(tenantKeyProblem(target.key)).toBeNull();
        if (target.kind === "custom") expect(target.hostname.endsWith(`.${base}`)).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it("agrees with the browser on which host a request names", () => {
    fc.assert(
      fc.property(hostHeader, fc.constantFrom(...BASES), (raw, base) => {
        const target = parseHost(raw, base);
        const expected = {
          tenant: "key" in target ? `${target.key}.${base}` : null,
          console: `console.${base}`,
          cloud: `cloud.${base}`,
          custom: "hostname" in target ? target.hostname : null,
        };
        if (target.kind !== "invalid") expect(browserHostname(raw), JSON.stringify(raw)).toBe(expected[target.kind]);
      }),
      { numRuns: 5_000 },
    );
  });

  it("routes <key>.<base> to the tenant in any case, with any port and a trailing dot", () => {
    fc.assert(
      fc.property(
        tenantKey.chain((key) => fc.tuple(fc.constant(key), anyCase(key))),
        fc.constantFrom(...BASES),
        fc.option(fc.integer({ min: 0, max: 65_535 }), { nil: undefined }),
        fc.boolean(),
        ([key, typed], base, port, dot) => {
          const raw = `${typed}.${base}${dot ? "." : ""}${port === undefined ? "" : `:${port}`}`;
          expect(parseHost(raw, base)).toEqual({ kind: "tenant", key });
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("is stable: a normalized host normalizes to itself, and parses to the same target", () => {
    fc.assert(
      fc.property(hostHeader, fc.constantFrom(...BASES), (raw, base) => {
        const host = normalizeHost(raw);
        if (host === null) return;
        const again = `${host.hostname}${host.port === null ? "" : `:${host.port}`}`;
        expect(normalizeHost(again)).toEqual(host);
        expect(parseHost(again, base)).toEqual(parseHost(raw, base));
      }),
      { numRuns: 5_000 },
    );
  });
});
