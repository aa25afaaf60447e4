import { beforeAll, describe, expect, it } from "vitest";
import { deriveSecret, generatePassword, seal, unseal } from "@/lib/secrets/keys";

beforeAll(() => {
  process.env.GATEHOUSE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");
});

describe("secrets", () => {
  it("derives stable secrets that differ per purpose and per tenant", () => {
    expect(deriveSecret("client", "tenant-a")).toBe(deriveSecret("client", "tenant-a"));
    expect(deriveSecret("client", "tenant-a")).not.toBe(deriveSecret("client", "tenant-b"));
    expect(deriveSecret("client", "tenant-a")).not.toBe(deriveSecret("session", "tenant-a"));
  });

  it("opens a sealed value only in the context it was sealed for", () => {
    const sealed = seal("s3cret", "tenant-a");
    expect(sealed).not.toContain("s3cret");
    expect(unseal(sealed, "tenant-a")).toBe("s3cret");
    expect(() => unseal(sealed, "tenant-b")).toThrow();
  });

  it("generates passwords of the asked length from the unambiguous alphabet", () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword(24)));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9_-]{24}$/);
  });
});
