import { describe, expect, it } from "vitest";
import { API_KEY_PRESETS, API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, mayGrant } from "@/lib/api-keys/scopes";
import { PLATFORM_SCOPE_DESCRIPTIONS, PLATFORM_SCOPE_PRESETS, PLATFORM_SCOPES } from "@/lib/permissions/platform";
import type { Principal } from "@/lib/permissions/permissions";

describe("API key scopes and presets", () => {
  it("describes every scope in words", () => {
    for (const scope of API_KEY_SCOPES) expect(API_KEY_SCOPE_DESCRIPTIONS[scope]).toMatch(/^[A-Z].{10,}/);
    for (const scope of PLATFORM_SCOPES) expect(PLATFORM_SCOPE_DESCRIPTIONS[scope]).toMatch(/^[A-Z].{10,}/);
  });

  it("builds presets from known scopes only, each preset distinct", () => {
    for (const [presets, known] of [
      [API_KEY_PRESETS, API_KEY_SCOPES],
      [PLATFORM_SCOPE_PRESETS, PLATFORM_SCOPES],
    ] as const) {
      for (const preset of presets) {
        expect(preset.scopes.length).toBeGreaterThan(0);
        for (const scope of preset.scopes) expect(known as readonly string[]).toContain(scope);
      }
      expect(new Set(presets.map((p) => p.id)).size).toBe(presets.length);
    }
  });

  it("keeps the read-only preset free of anything that changes data", () => {
    const readOnly = API_KEY_PRESETS.find((p) => p.id === "read-only")!;
    expect(readOnly.scopes.every((s) => /:(list|read)$/.test(s))).toBe(true);
  });

  it("lets an auditor grant the whole read-only preset and nothing of user provisioning's writes", () => {
    const auditor: Principal = { kind: "user", username: "a", realmRoles: ["auditor"], ouRoles: {} };
    const preset = (id: string) => API_KEY_PRESETS.find((p) => p.id === id)!.scopes as readonly (typeof API_KEY_SCOPES)[number][];
    expect(preset("read-only").every((s) => mayGrant(auditor, s))).toBe(true);
    expect(preset("user-provisioning").filter((s) => mayGrant(auditor, s))).toEqual(["user:list", "user:read", "ou:list", "ou:read", "membership:read"]);
  });
});
