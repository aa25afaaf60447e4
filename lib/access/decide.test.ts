import { describe, expect, it } from "vitest";
import { decideAccess, organizationDenial, standingLockouts, tenantDenial, upcomingLockout, type TenantStanding } from "@/lib/access/decide";

const DAY = 24 * 60 * 60 * 1000;
const now = Date.parse("2026-11-22T12:00:00Z");
const good: TenantStanding = {
  verification: "completed",
  verificationChangedAt: new Date(now - 100 * DAY),
  payment: "current",
  paymentChangedAt: new Date(now - 100 * DAY),
  accessDisabled: null,
  breakglassExempt: false,
};
const overdueSince = (days: number): TenantStanding => ({ ...good, payment: "overdue", paymentChangedAt: new Date(now - days * DAY) });

describe("the access decision", () => {
  it("lets a tenant in good standing in, and refuses any tenant that is not active", () => {
    expect(tenantDenial("active", good, now, 7)).toBeNull();
    for (const status of ["provisioning", "suspended", "archived", "deleted"] as const) {
      expect(decideAccess(status, good, { kind: "platform" }, now, 7)).toMatchObject({ reason: "inactive", code: "tenant_suspended", status });
    }
  });

  it("counts the grace from when the standing changed", () => {
    expect(tenantDenial("active", overdueSince(6.9), now, 7)).toBeNull();
    expect(tenantDenial("active", overdueSince(7), now, 7)).toMatchObject({ code: "payment_required" });
    expect(tenantDenial("active", overdueSince(0), now, 0)).toMatchObject({ code: "payment_required" });
    const rekyc = { ...good, verification: "rekyc_due" as const, verificationChangedAt: new Date(now - 8 * DAY) };
    expect(tenantDenial("active", rekyc, now, 7)).toMatchObject({ code: "verification_required" });
    expect(tenantDenial("active", rekyc, now, 9)).toBeNull();
    // Grace and partial verification do not lock anyone out.
    expect(tenantDenial("active", { ...good, payment: "grace", verification: "partial", paymentChangedAt: new Date(0) }, now, 0)).toBeNull();
  });

  it("puts the billing switch before payment and verification", () => {
    const disabled = { ...overdueSince(30), accessDisabled: { at: new Date(now), reason: "Contract ended" } };
    expect(tenantDenial("active", disabled, now, 7)).toMatchObject({ reason: "disabled", code: "tenant_suspended", disabledReason: "Contract ended" });
  });

  it("exempts the break-glass admin only when allowed, and never from the lifecycle", () => {
    const exempt = { ...overdueSince(30), breakglassExempt: true };
    expect(decideAccess("active", overdueSince(30), { kind: "user", breakglass: true }, now, 7)).toMatchObject({ code: "payment_required" });
    expect(decideAccess("active", exempt, { kind: "user", breakglass: true }, now, 7)).toBeNull();
    expect(decideAccess("active", exempt, { kind: "user", breakglass: false }, now, 7)).toMatchObject({ code: "payment_required" });
    expect(decideAccess("active", exempt, { kind: "apikey" }, now, 7)).toMatchObject({ code: "payment_required" });
    // Before the caller is known, an exempt tenant is let through to sign-in.
    expect(decideAccess("active", exempt, { kind: "anyone" }, now, 7)).toBeNull();
    expect(decideAccess("suspended", exempt, { kind: "user", breakglass: true }, now, 7)).toMatchObject({ reason: "inactive" });
    // The platform (console) manages a tenant whatever its standing.
    expect(decideAccess("active", overdueSince(30), { kind: "platform" }, now, 7)).toBeNull();
  });

  it("applies payment and verification, with the same grace, to a shared customer's organization", () => {
    expect(organizationDenial(good, now, 7)).toBeNull();
    expect(organizationDenial(overdueSince(6), now, 7)).toBeNull();
    expect(organizationDenial(overdueSince(8), now, 7)).toMatchObject({ reason: "payment", code: "payment_required" });
    expect(organizationDenial({ ...good, accessDisabled: { at: new Date(now), reason: "Unpaid" } }, now, 7)).toMatchObject({
      reason: "disabled",
      code: "tenant_suspended",
      disabledReason: "Unpaid",
    });
    expect(organizationDenial({ ...good, verification: "rekyc_due", verificationChangedAt: new Date(now - 8 * DAY) }, now, 7)).toMatchObject({ reason: "verification" });
  });
});

describe("the lock-out ahead", () => {
  it("is the end of the grace period of an overdue payment, while people still get in", () => {
    const standing = overdueSince(2);
    expect(tenantDenial("active", standing, now, 7)).toBeNull();
    expect(upcomingLockout(standing, now, 7)).toEqual({ reason: "payment", at: new Date(now + 5 * DAY) });
  });

  it("is none in good standing, or once the grace has ended (the denial says it then)", () => {
    expect(upcomingLockout(good, now, 7)).toBeNull();
    expect(upcomingLockout(overdueSince(8), now, 7)).toBeNull();
    expect(standingLockouts(overdueSince(8), 7)).toEqual([{ reason: "payment", at: new Date(now - DAY) }]);
  });

  it("lists payment and re-KYC earliest first", () => {
    const both = { ...overdueSince(1), verification: "rekyc_due" as const, verificationChangedAt: new Date(now - 3 * DAY) };
    expect(standingLockouts(both, 7).map((l) => l.reason)).toEqual(["verification", "payment"]);
    expect(upcomingLockout(both, now, 7)).toEqual({ reason: "verification", at: new Date(now + 4 * DAY) });
  });
});
