// Indian fiscal identifiers (PAN, TAN, GSTIN). Validators expect input that has
// already been through normalizeIdentifier (upper case, no spaces).

export function normalizeIdentifier(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

// 4th character: holder type (P = individual, C = company, F = firm, …).
const PAN_PATTERN = /^[A-Z]{3}[ABCFGHJLPTK][A-Z][0-9]{4}[A-Z]$/;
const TAN_PATTERN = /^[A-Z]{4}[0-9]{5}[A-Z]$/;
const GSTIN_PATTERN = /^[0-9]{2}[A-Z0-9]{10}[1-9A-Z]Z[0-9A-Z]$/;
const GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function isValidPan(pan: string): boolean {
  return PAN_PATTERN.test(pan);
}

export function panHolderType(pan: string): "individual" | "other" {
  return pan.charAt(3) === "P" ? "individual" : "other";
}

export function isValidTan(tan: string): boolean {
  return TAN_PATTERN.test(tan);
}

/** Mod-36 check character over the first 14 characters of a GSTIN. */
export function gstinCheckCharacter(first14: string): string {
  if (first14.length !== 14) throw new RangeError("GSTIN check character needs exactly 14 characters");
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const value = GSTIN_ALPHABET.indexOf(first14.charAt(i));
    if (value < 0) throw new RangeError(`Invalid GSTIN character at position ${i + 1}`);
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_ALPHABET.charAt((36 - (sum % 36)) % 36);
}

function isKnownStateCode(code: number): boolean {
  // 01–38 are states and union territories, 97 "other territory", 99 centre jurisdiction.
  return (code >= 1 && code <= 38) || code === 97 || code === 99;
}

export type GstinProblem = "format" | "state_code" | "check_character";

export function gstinProblem(gstin: string): GstinProblem | null {
  if (!GSTIN_PATTERN.test(gstin) || !isValidPan(gstinPan(gstin))) return "format";
  if (!isKnownStateCode(Number(gstin.slice(0, 2)))) return "state_code";
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin.charAt(14)) return "check_character";
  return null;
}

/** The PAN embedded in a GSTIN (characters 3–12). */
export function gstinPan(gstin: string): string {
  return gstin.slice(2, 12);
}
