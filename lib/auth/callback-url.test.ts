import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackUrl("/tenants/1?x=2")).toBe("/tenants/1?x=2");
  });
  it("refuses other sites, protocol-relative URLs and sign-in loops", () => {
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in?callbackUrl=/", ""]) expect(safeCallbackUrl(bad)).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/a");
  });
});
