import { describe, expect, it } from "vitest";
import { RESERVED_TENANT_KEYS, TENANT_KEY_MESSAGES, suggestTenantKey, tenantKeyProblem } from "@/lib/kernel/tenant-key";

describe("tenantKeyProblem", () => {
  it("accepts valid keys", () => {
    for (const key of ["acme", "abc", "acme-india", "a1b2", "123", "a".repeat(40)]) {
      expect(tenantKeyProblem(key), key).toBeNull();
    }
  });

  it("rejects bad lengths", () => {
    expect(tenantKeyProblem("")).toBe("length");
    expect(tenantKeyProblem("ab")).toBe("length");
    expect(tenantKeyProblem("a".repeat(41))).toBe("length");
  });

  it("rejects characters outside [a-z0-9-]", () => {
    for (const key of ["Acme", "acme_corp", "acme.corp", "acme corp", "bücher"]) {
      expect(tenantKeyProblem(key), key).toBe("characters");
    }
  });

  it("rejects leading and trailing hyphens", () => {
    expect(tenantKeyProblem("-acme")).toBe("hyphen");
    expect(tenantKeyProblem("acme-")).toBe("hyphen");
  });

  it("rejects punycode prefixes", () => {
    expect(tenantKeyProblem("xn--bcher-kva")).toBe("punycode");
    expect(tenantKeyProblem("xn-ok")).toBeNull();
  });

  it("rejects reserved keys", () => {
    for (const key of [
      "www",
      "console",
      "cloud",
      "api",
      "admin",
      "auth",
      "login",
      "root",
      "master",
      "app",
      "mail",
      "static",
      "assets",
      "status",
      "help",
      "support",
      "docs",
      "sso",
      "idp",
      "scim",
      "localhost",
      "gatehouse",
    ]) {
      expect(RESERVED_TENANT_KEYS.has(key), key).toBe(true);
      expect(tenantKeyProblem(key), key).toBe("reserved");
    }
    // "id" is reserved too, but it already fails the length rule.
    expect(RESERVED_TENANT_KEYS.has("id")).toBe(true);
  });

  it("has a message for every problem", () => {
    expect(TENANT_KEY_MESSAGES.length).toBe("Use 3–40 characters");
    expect(TENANT_KEY_MESSAGES.reserved).toBe("This key is reserved by the platform");
    expect(Object.keys(TENANT_KEY_MESSAGES).sort()).toEqual(["characters", "hyphen", "length", "punycode", "reserved"]);
  });
});

describe("suggestTenantKey", () => {
  it.each([
    ["Acme", "acme"],
    ["Acme Corp Pvt. Ltd.", "acme"], // trailing suffixes are dropped repeatedly
    ["Acme Private Limited", "acme"],
    ["Tata Consultancy Services Ltd", "tata-consultancy-services"],
    ["Corp Solutions Inc.", "corp-solutions"], // suffix words are kept when not at the end
    ["Coco Ltd", "coco"], // whole words only
    ["Acme & Co.", "acme"],
    ["Société Générale", "societe-generale"],
    ["Straße GmbH", "strasse-gmbh"],
    ["McDonald's", "mcdonalds"],
    ["  --Foo___Bar--  ", "foo-bar"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
  ])("%s → %s", (name, key) => {
    expect(suggestTenantKey(name)).toBe(key);
    expect(tenantKeyProblem(key)).toBeNull();
  });

  it("returns an empty string when nothing usable remains", () => {
    expect(suggestTenantKey("")).toBe("");
    expect(suggestTenantKey("   ")).toBe("");
    expect(suggestTenantKey("株式会社")).toBe("");
  });

  it("never drops the only word", () => {
    expect(suggestTenantKey("Limited")).toBe("limited");
    expect(suggestTenantKey("Co.")).toBe("co-org");
  });

  it("pads short and reserved results", () => {
    expect(suggestTenantKey("AB")).toBe("ab-org");
    expect(suggestTenantKey("X Ltd")).toBe("x-org");
    expect(suggestTenantKey("Admin")).toBe("admin-org");
    expect(suggestTenantKey("Console Pvt Ltd")).toBe("console-org");
  });

  it("cuts to 40 characters without a trailing hyphen", () => {
    const key = suggestTenantKey("International Business Machines Of Tomorrow Today");
    expect(key).toBe("international-business-machines-of-tomor");
    expect(key.length).toBe(40);
    const hyphenAt40 = suggestTenantKey(`${"a".repeat(39)} bcd`);
    expect(hyphenAt40).toBe("a".repeat(39));
  });

  it("never produces a punycode prefix", () => {
    expect(suggestTenantKey("XN--Acme")).toBe("xn-acme");
  });
});
