import { describe, expect, it } from "vitest";
import { forwardedView, parseTrustedProxies } from "@/shared/net/forwarded";
import { normalizeIp } from "@/shared/net/ip";

describe("normalizeIp", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::ffff:7f00:1", "127.0.0.1"],
    ["127.0.0.1", "127.0.0.1"],
    ["1.2.3.4:8080", "1.2.3.4"],
    ["[::1]:443", "::1"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    [" 10.0.0.1 ", "10.0.0.1"],
    ["unknown", null],
    ["", null],
    ["999.1.1.1", null],
  ])("%s → %s", (raw, expected) => expect(normalizeIp(raw)).toBe(expected));
});

describe("forwardedView", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.1");
  const view = (peer: string, xff?: string, proto?: string) =>
    forwardedView(peer, false, { ...(xff ? { "x-forwarded-for": xff } : {}), ...(proto ? { "x-forwarded-proto": proto } : {}) }, trusted);

  it("is the peer when the peer is no trusted proxy, whatever the headers say", () => {
    expect(view("203.0.113.5", "198.51.100.1", "https")).toEqual({ clientIp: "203.0.113.5", proto: "http", host: null });
  });
  it("walks back through trusted proxies to the first address that is not one", () => {
    expect(view("192.0.2.1", "198.51.100.7, 203.0.113.5, 10.1.2.3").clientIp).toBe("203.0.113.5");
    expect(view("::ffff:192.0.2.1", "10.0.0.9").clientIp).toBe("10.0.0.9"); // only trusted hops: the leftmost
    expect(view("192.0.2.1", "garbage, 10.0.0.2").clientIp).toBe("10.0.0.2");
    expect(view("192.0.2.1", undefined, "https")).toMatchObject({ clientIp: "192.0.2.1", proto: "https" });
  });
  it("refuses a setting it cannot read", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/GATEHOUSE_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/not an address/);
    expect(parseTrustedProxies("loopback").check("127.0.0.5")).toBe(true);
    expect(parseTrustedProxies("").check("127.0.0.1")).toBe(false);
  });
});
