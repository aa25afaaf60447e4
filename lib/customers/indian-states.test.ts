import { describe, expect, it } from "vitest";
import { INDIAN_STATES, gstCodeFitsState, indianState, stateOfGstCode } from "@/lib/customers/indian-states";

describe("Indian states and their GST codes", () => {
  it("lists the 28 states and 8 union territories, each code once", () => {
    expect(INDIAN_STATES).toHaveLength(36);
    const codes = INDIAN_STATES.flatMap((s) => s.gstCodes);
    expect(new Set(codes).size).toBe(codes.length);
    for (let code = 1; code <= 38; code++) expect(stateOfGstCode(String(code).padStart(2, "0")), String(code)).toBeDefined();
  });

  it("reads stored names loosely and checks codes only for names it knows", () => {
    expect(indianState(" tamil  nadu ")?.gstCodes).toEqual(["33"]);
    expect(indianState("Andaman & Nicobar Islands")?.name).toBe("Andaman and Nicobar Islands");
    expect(gstCodeFitsState("33", "Tamil Nadu")).toBe(true);
    expect(gstCodeFitsState("29", "Tamil Nadu")).toBe(false);
    expect(gstCodeFitsState("97", "Tamil Nadu")).toBe(true);
    expect(gstCodeFitsState("29", "Not recorded")).toBe(true);
  });
});
