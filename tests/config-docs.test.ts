// The configuration table in the docs is generated from lib/config/variables.ts: it must say what the code reads.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_DOC } from "@/lib/config/doc-path";
import { withConfigurationTable } from "@/lib/config/docs";
import { readSection } from "@/lib/config/env";

describe("configuration", () => {
  it("is documented as the code reads it (run `npm run docs:config` after changing lib/config/variables.ts)", () => {
    const document = fs.readFileSync(CONFIGURATION_DOC, "utf8");
    expect(document).toBe(withConfigurationTable(document));
  });

  it("names every bad variable of a section at once, and takes an empty one as unset", () => {
    expect(() => readSection("app", { GATEHOUSE_HOST_CACHE_MAX: "3", GATEHOUSE_BASE_URL: "not a url" })).toThrow(/GATEHOUSE_BASE_URL: .*\n\s+GATEHOUSE_HOST_CACHE_MAX: /s);
    expect(readSection("mail", { GATEHOUSE_SMTP_URL: "" }).GATEHOUSE_SMTP_URL).toBeUndefined();
    expect(() => readSection("launcher", { GATEHOUSE_IDENTITY: "okta" })).toThrow(/GATEHOUSE_IDENTITY is "embedded" \(the default\) or "keycloak"/);
  });
});
