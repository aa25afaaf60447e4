// India's states and union territories with their GST state codes (the first two digits of a
// GSTIN). Andhra Pradesh kept its pre-2014 code 28 for older registrations, and Daman and Diu's
// 25 lives on in the merged union territory; 97 (other territory) and 99 (centre jurisdiction)
// belong to no state, so they match any address.

export interface IndianState {
  name: string;
  gstCodes: readonly string[];
}

export const INDIAN_STATES: readonly IndianState[] = [
  { name: "Andaman and Nicobar Islands", gstCodes: ["35"] },
  { name: "Andhra Pradesh", gstCodes: ["37", "28"] },
  { name: "Arunachal Pradesh", gstCodes: ["12"] },
  { name: "Assam", gstCodes: ["18"] },
  { name: "Bihar", gstCodes: ["10"] },
  { name: "Chandigarh", gstCodes: ["04"] },
  { name: "Chhattisgarh", gstCodes: ["22"] },
  { name: "Dadra and Nagar Haveli and Daman and Diu", gstCodes: ["26", "25"] },
  { name: "Delhi", gstCodes: ["07"] },
  { name: "Goa", gstCodes: ["30"] },
  { name: "Gujarat", gstCodes: ["24"] },
  { name: "Haryana", gstCodes: ["06"] },
  { name: "Himachal Pradesh", gstCodes: ["02"] },
  { name: "Jammu and Kashmir", gstCodes: ["01"] },
  { name: "Jharkhand", gstCodes: ["20"] },
  { name: "Karnataka", gstCodes: ["29"] },
  { name: "Kerala", gstCodes: ["32"] },
  { name: "Ladakh", gstCodes: ["38"] },
  { name: "Lakshadweep", gstCodes: ["31"] },
  { name: "Madhya Pradesh", gstCodes: ["23"] },
  { name: "Maharashtra", gstCodes: ["27"] },
  { name: "Manipur", gstCodes: ["14"] },
  { name: "Meghalaya", gstCodes: ["17"] },
  { name: "Mizoram", gstCodes: ["15"] },
  { name: "Nagaland", gstCodes: ["13"] },
  { name: "Odisha", gstCodes: ["21"] },
  { name: "Puducherry", gstCodes: ["34"] },
  { name: "Punjab", gstCodes: ["03"] },
  { name: "Rajasthan", gstCodes: ["08"] },
  { name: "Sikkim", gstCodes: ["11"] },
  { name: "Tamil Nadu", gstCodes: ["33"] },
  { name: "Telangana", gstCodes: ["36"] },
  { name: "Tripura", gstCodes: ["16"] },
  { name: "Uttar Pradesh", gstCodes: ["09"] },
  { name: "Uttarakhand", gstCodes: ["05"] },
  { name: "West Bengal", gstCodes: ["19"] },
];

const STATELESS_GST_CODES = new Set(["97", "99"]);
const normalized = (name: string) => name.trim().toLowerCase().replace(/&/g, "and").replace(/\s+/g, " ");
const BY_NAME = new Map(INDIAN_STATES.map((s) => [normalized(s.name), s]));

/** The state or union territory a (free-text, stored) state name means, if it is one. */
export function indianState(name: string): IndianState | undefined {
  return BY_NAME.get(normalized(name));
}

/** The state a GST state code belongs to, if any. */
export function stateOfGstCode(code: string): IndianState | undefined {
  return INDIAN_STATES.find((s) => s.gstCodes.includes(code));
}

/**
 * Whether a GSTIN's state code fits an address's state. A state name that is not one of the list
 * (records from before the list) is not checked.
 */
export function gstCodeFitsState(code: string, stateName: string): boolean {
  const state = indianState(stateName);
  return !state || STATELESS_GST_CODES.has(code) || state.gstCodes.includes(code);
}
