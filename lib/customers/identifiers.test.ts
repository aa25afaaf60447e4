import { describe, expect, it } from "vitest";
import { gstinCheckCharacter, gstinPan, gstinProblem, isValidPan, isValidTan, normalizeIdentifier, panHolderType } from "@/lib/customers/identifiers";

// Builds a GSTIN with a correct check character from its first 14 characters.
const withCheck = (first14: string) => first14 + gstinCheckCharacter(first14);

describe("normalizeIdentifier", () => {
  it("trims, removes inner spaces and upper-cases", () => {
    expect(normalizeIdentifier("  abcpe 1234f ")).toBe("ABCPE1234F");
    expect(normalizeIdentifier("27 aapfu 0939 f1zv")).toBe("27AAPFU0939F1ZV");
    expect(normalizeIdentifier("\tabc\u00a0de\n")).toBe("ABCDE");
  });
});

describe("PAN", () => {
  it("accepts valid PANs", () => {
    for (const pan of ["ABCPE1234F", "AAPFU0939F", "AAGCB7383J", "AAATK1234Z"]) {
      expect(isValidPan(pan), pan).toBe(true);
    }
  });

  it("accepts lower-case input once normalised", () => {
    expect(isValidPan("abcpe1234f")).toBe(false);
    expect(isValidPan(normalizeIdentifier(" abcpe1234f "))).toBe(true);
  });

  it("rejects malformed PANs", () => {
    for (const pan of ["", "ABCPE1234", "ABCPE12345", "ABCPE1234FF", "1BCPE1234F", "ABCPEX234F", "ABCPE12341"]) {
      expect(isValidPan(pan), pan).toBe(false);
    }
  });

  it("rejects unknown holder types", () => {
    expect(isValidPan("ABCDE1234F")).toBe(false); // D is not a holder type
    expect(isValidPan("ABCXE1234F")).toBe(false);
  });

  it("reports the holder type", () => {
    expect(panHolderType("ABCPE1234F")).toBe("individual");
    expect(panHolderType("AAGCB7383J")).toBe("other");
    expect(panHolderType("AAPFU0939F")).toBe("other");
  });
});

describe("TAN", () => {
  it("accepts valid TANs", () => {
    expect(isValidTan("MUMA12345B")).toBe(true);
    expect(isValidTan(normalizeIdentifier("delx 00001 a"))).toBe(true);
  });

  it("rejects malformed TANs", () => {
    for (const tan of ["", "MUM12345B", "MUMA1234B", "MUMA123456", "mum a12345b", "ABCPE1234F"]) {
      expect(isValidTan(tan), tan).toBe(false);
    }
  });
});

describe("GSTIN", () => {
  it("computes the check character of known GSTINs", () => {
    expect(gstinCheckCharacter("27AAPFU0939F1Z")).toBe("V");
    expect(gstinCheckCharacter("29AAGCB7383J1Z")).toBe("4");
  });

  it("rejects check-character input of the wrong length or alphabet", () => {
    expect(() => gstinCheckCharacter("27AAPFU0939F1")).toThrow(RangeError);
    expect(() => gstinCheckCharacter("27aapfu0939f1z")).toThrow(RangeError);
  });

  it("accepts valid GSTINs", () => {
    expect(gstinProblem("27AAPFU0939F1ZV")).toBeNull();
    expect(gstinProblem("29AAGCB7383J1Z4")).toBeNull();
    expect(gstinProblem(withCheck("97AAGCB7383J1Z"))).toBeNull();
    expect(gstinProblem(withCheck("99AAGCB7383JAZ"))).toBeNull();
  });

  it("accepts lower-case input once normalised", () => {
    expect(gstinProblem("27aapfu0939f1zv")).toBe("format");
    expect(gstinProblem(normalizeIdentifier(" 27aapfu0939f1zv "))).toBeNull();
  });

  it("reports a wrong check character", () => {
    expect(gstinProblem("27AAPFU0939F1ZW")).toBe("check_character");
    expect(gstinProblem("29AAGCB7383J1Z5")).toBe("check_character");
    // A single-character typo in the body is caught by the check character.
    expect(gstinProblem("27AAPFU0989F1ZV")).toBe("check_character");
  });

  it("reports an unknown state code", () => {
    for (const state of ["00", "39", "50", "96", "98"]) {
      expect(gstinProblem(withCheck(`${state}AAPFU0939F1Z`)), state).toBe("state_code");
    }
    expect(gstinProblem(withCheck("38AAPFU0939F1Z"))).toBeNull();
    expect(gstinProblem(withCheck("01AAPFU0939F1Z"))).toBeNull();
  });

  it("reports format problems", () => {
    for (const gstin of [
      "",
      "27AAPFU0939F1Z", // too short
      "27AAPFU0939F1ZVX", // too long
      "2AAAPFU0939F1ZV", // state code not two digits
      "27AAPFU0939F0ZV", // entity number 0
      "27AAPFU0939F1YV", // 14th character not Z
      "27AAPFU0939F1Z-",
    ]) {
      expect(gstinProblem(gstin), gstin).toBe("format");
    }
  });

  it("reports an embedded PAN that is not valid as a format problem", () => {
    // Correct check character, but D is not a PAN holder type.
    const gstin = withCheck("27AAPDU0939F1Z");
    expect(gstinProblem(gstin)).toBe("format");
    // PAN digits replaced by letters.
    expect(gstinProblem(withCheck("27AAPFUABCDF1Z"))).toBe("format");
  });

  it("extracts the embedded PAN", () => {
    expect(gstinPan("27AAPFU0939F1ZV")).toBe("AAPFU0939F");
    expect(gstinPan("29AAGCB7383J1Z4")).toBe("AAGCB7383J");
  });
});
