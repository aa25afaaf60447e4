import { describe, expect, it } from "vitest";
import { can, canAssignRole, canSomewhere, missingToGrant, PERMISSIONS, requireGrant, requireMayActOn, type Principal } from "@/lib/permissions/permissions";

const user = (realmRoles: string[], ouRoles: Record<string, "admin" | "default" | "auditor"> = {}): Principal => ({ kind: "user", username: "u", realmRoles, ouRoles });

describe("permissions", () => {
  it("gives a tenant admin every permission and a member none tenant-wide", () => {
    for (const p of PERMISSIONS) {
      expect(can(user(["tenant-admin"]), p)).toBe(true);
      expect(can(user(["member"]), p)).toBe(false);
    }
  });

  it("lets an auditor read but not change", () => {
    expect(can(user(["auditor"]), "user:list")).toBe(true);
    expect(can(user(["auditor"]), "audit:read")).toBe(true);
    expect(can(user(["auditor"]), "user:create")).toBe(false);
    expect(can(user(["auditor"]), "membership:manage")).toBe(false);
  });

  it("scopes an OU admin's rights to that OU", () => {
    const ouAdmin = user(["member"], { "ou-1": "admin" });
    expect(can(ouAdmin, "membership:manage", { orgUnitId: "ou-1" })).toBe(true);
    expect(can(ouAdmin, "membership:manage", { orgUnitId: "ou-2" })).toBe(false);
    expect(can(ouAdmin, "membership:manage")).toBe(false);
    expect(can(ouAdmin, "ou:delete", { orgUnitId: "ou-1" })).toBe(false);
    expect(canSomewhere(ouAdmin, "membership:manage")).toBe(true);
  });

  it("limits an API key to its scopes and lets a superadmin do anything", () => {
    const key: Principal = { kind: "apikey", keyId: "k", scopes: ["user:list"] };
    expect(can(key, "user:list")).toBe(true);
    expect(can(key, "user:create")).toBe(false);
    expect(PERMISSIONS.every((p) => can({ kind: "superadmin" }, p))).toBe(true);
  });

  it("lets a principal give only roles whose permissions it holds", () => {
    expect(["tenant-admin", "auditor", "member"].every((role) => canAssignRole(user(["tenant-admin"]), role as "member"))).toBe(true);
    const updater: Principal = { kind: "apikey", keyId: "k", scopes: ["user:update"] };
    expect(canAssignRole(updater, "member")).toBe(true);
    expect(canAssignRole(updater, "auditor")).toBe(false);
    expect(canAssignRole(updater, "tenant-admin")).toBe(false);
    expect(canAssignRole(user(["auditor"]), "auditor")).toBe(true);
    expect(canAssignRole(user(["auditor"]), "tenant-admin")).toBe(false);
  });

  it("names what a grant lacks, counts OU roles within their OU, and applies the same rule to acting on a user", () => {
    const creator: Principal = { kind: "apikey", keyId: "k", scopes: ["user:create"] };
    expect(missingToGrant(creator, { kind: "tenantRole", role: "member" })).toEqual([]);
    expect(missingToGrant(creator, { kind: "tenantRole", role: "auditor" })).toContain("audit:read");
    expect(() => requireGrant(creator, { kind: "tenantRole", role: "tenant-admin" }, "create a user with it", "tenantRole")).toThrow(
      expect.objectContaining({ code: "forbidden", message: expect.stringContaining("apikey:create"), fields: { tenantRole: expect.stringContaining("settings:update") } }),
    );
    const ouAdmin = user(["member"], { "ou-1": "admin" });
    expect(missingToGrant(ouAdmin, { kind: "membershipRole", role: "admin", orgUnitId: "ou-1" })).toEqual([]);
    expect(missingToGrant(ouAdmin, { kind: "membershipRole", role: "default", orgUnitId: "ou-2" })).toEqual(["ou:read"]);
    expect(() => requireMayActOn({ kind: "apikey", keyId: "k", scopes: ["user:disable"] }, "tenant-admin", "disable")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => requireMayActOn({ kind: "apikey", keyId: "k", scopes: ["user:disable"] }, null, "disable")).not.toThrow();
    expect(() => requireMayActOn({ kind: "superadmin" }, "tenant-admin", "delete")).not.toThrow();
  });
});
