import { describe, expect, it } from "vitest";
import { allowedActions, lifecycleConfirmationSchema, targetStatus } from "@/lib/tenants/lifecycle";

describe("the lifecycle state machine", () => {
  it("allows exactly the documented transitions of a dedicated tenant", () => {
    expect(allowedActions("dedicated", "provisioning")).toEqual([]);
    expect(allowedActions("dedicated", "active")).toEqual(["suspend"]);
    expect(allowedActions("dedicated", "suspended")).toEqual(["resume", "archive", "delete"]);
    expect(allowedActions("dedicated", "archived")).toEqual(["delete", "restore"]);
    expect(allowedActions("dedicated", "deleted")).toEqual(["restore"]);
    expect(allowedActions("dedicated", "deleted", true)).toEqual([]);
  });

  it("allows nothing for the root and the cloud tenant", () => {
    for (const status of ["active", "suspended", "archived", "deleted"] as const) {
      expect(allowedActions("root", status)).toEqual([]);
      expect(allowedActions("shared_cloud", status)).toEqual([]);
    }
  });

  it("restores a deleted tenant to the status it was deleted from, an archived one to active", () => {
    expect(targetStatus("restore", "deleted", "suspended")).toBe("suspended");
    expect(targetStatus("restore", "deleted", "archived")).toBe("archived");
    expect(targetStatus("restore", "archived", null)).toBe("active");
    expect(targetStatus("delete", "archived", null)).toBe("deleted");
  });

  it("needs the tenant key typed exactly to confirm", () => {
    const schema = lifecycleConfirmationSchema("acme");
    expect(schema.safeParse({ action: "suspend", reason: "unpaid", confirmKey: " acme " }).success).toBe(true);
    const wrong = schema.safeParse({ action: "suspend", reason: "unpaid", confirmKey: "acme2" });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(["confirmKey"]);
  });
});
