import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

const HOME = "https://acme.example.com";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackUrl("/tenants/1?x=2")).toBe("/tenants/1?x=2");
    expect(safeCallbackUrl("/users#top")).toBe("/users#top");
  });
  it("refuses other sites, protocol-relative URLs and sign-in loops", () => {
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in?callbackUrl=/", "/sign-in/", ""])
      expect(safeCallbackUrl(bad)).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/a");
  });
  it("reads tabs, newlines and backslashes as the browser will", () => {
    for (const bad of ["/\t/evil.example.com", "/\n/evil.example.com", "/\r\n/evil.example.com", "/\\\t\\evil.example", "/\t\\evil.example", "\t//evil.example"]) {
      expect(new URL(safeCallbackUrl(bad), HOME).origin, JSON.stringify(bad)).toBe(HOME);
    }
  });
  it("never leads off the site, whatever it is given", () => {
    const tricky = fc.stringMatching(/^[/\\\t\n\r.:@%a-z0-9?#]{0,24}$/);
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string()), (raw) => {
        const path = safeCallbackUrl(raw);
        expect(path.startsWith("/")).toBe(true);
        expect(new URL(path, HOME).origin).toBe(HOME);
        expect(path).not.toMatch(/[\t\n\r]/);
      }),
      { numRuns: 5_000 },
    );
  });
});
