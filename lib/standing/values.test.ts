import { describe, expect, it } from "vitest";
import { PAYMENT_STANDING_LABELS, VERIFICATION_STATUS_LABELS, VERIFICATION_STATUSES } from "@/lib/standing/values";

describe("labels", () => {
  it("has a label for every verification status", () => {
    expect(VERIFICATION_STATUS_LABELS.rekyc_due).toBe("Re-KYC due");
    expect(Object.keys(VERIFICATION_STATUS_LABELS)).toEqual([...VERIFICATION_STATUSES]);
    expect(PAYMENT_STANDING_LABELS.overdue).toBe("Overdue");
  });
});
