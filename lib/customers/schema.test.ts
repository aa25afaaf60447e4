import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { gstinCheckCharacter } from "@/lib/customers/identifiers";
import {
  createCustomerFormSchema,
  createCustomerSchema,
  customerFieldsFormSchema,
  customerFieldsSchema,
  fieldErrors,
  updateCustomerSchema,
  validateCreateCustomer,
} from "@/lib/customers/schema";

const business: Record<string, string> = {
  kind: "business",
  legalName: "Acme Widgets Private Limited",
  displayName: "Acme",
  pan: "AAPFU0939F",
  tan: "",
  gstin: "27AAPFU0939F1ZV",
  addressLine1: "12 MG Road",
  addressLine2: "",
  city: "Pune",
  state: "Maharashtra",
  postalCode: "411001",
  country: "IN",
  contactName: "Asha Rao",
  contactEmail: "asha@acme.example",
  contactPhone: "+91 98765-43210",
  verificationStatus: "",
  verificationReferences: "",
  paymentStanding: "",
};

const individual: Record<string, string> = {
  ...business,
  kind: "individual",
  legalName: "Ravi Kumar",
  displayName: "Ravi",
  pan: "ABCPK1234F",
  gstin: "",
};

function errorsOf(schema: z.ZodType, input: Record<string, string>): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be rejected");
  return fieldErrors(result.error);
}

const withCheck = (first14: string) => first14 + gstinCheckCharacter(first14);

describe("customerFieldsFormSchema", () => {
  it("accepts a valid business and applies defaults", () => {
    const data = customerFieldsFormSchema.parse(business);
    expect(data).toEqual({
      kind: "business",
      legalName: "Acme Widgets Private Limited",
      displayName: "Acme",
      pan: "AAPFU0939F",
      tan: undefined,
      gstin: "27AAPFU0939F1ZV",
      addressLine1: "12 MG Road",
      addressLine2: undefined,
      city: "Pune",
      state: "Maharashtra",
      postalCode: "411001",
      country: "IN",
      contactName: "Asha Rao",
      contactEmail: "asha@acme.example",
      contactPhone: "+919876543210",
      verificationStatus: "pending",
      verificationReferences: [],
      paymentStanding: "current",
    });
  });

  it("accepts a valid individual", () => {
    const data = customerFieldsFormSchema.parse({ ...individual, verificationStatus: "rekyc_due", paymentStanding: "grace" });
    expect(data.kind).toBe("individual");
    expect(data.pan).toBe("ABCPK1234F");
    expect(data.gstin).toBeUndefined();
    expect(data.verificationStatus).toBe("rekyc_due");
    expect(data.paymentStanding).toBe("grace");
  });

  it("trims strings and normalises identifiers", () => {
    const data = customerFieldsFormSchema.parse({
      ...business,
      legalName: "  Acme Widgets  ",
      pan: " aapfu 0939 f ",
      tan: " puna12345b ",
      gstin: "27aapfu0939f1zv",
      country: "in",
    });
    expect(data.legalName).toBe("Acme Widgets");
    expect(data.pan).toBe("AAPFU0939F");
    expect(data.tan).toBe("PUNA12345B");
    expect(data.gstin).toBe("27AAPFU0939F1ZV");
    expect(data.country).toBe("IN");
  });

  it("turns empty optional strings into undefined and missing defaults into defaults", () => {
    const data = customerFieldsFormSchema.parse({ ...business, tan: "  ", gstin: " ", addressLine2: "", country: "" });
    expect(data.tan).toBeUndefined();
    expect(data.gstin).toBeUndefined();
    expect(data.addressLine2).toBeUndefined();
    expect(data.country).toBe("IN");
    const { verificationStatus, paymentStanding, verificationReferences, tan, gstin, addressLine2, country, ...minimal } = business;
    const parsed = customerFieldsFormSchema.parse(minimal);
    expect(parsed.verificationStatus).toBe("pending");
    expect(parsed.paymentStanding).toBe("current");
    expect(parsed.verificationReferences).toEqual([]);
    expect(parsed.country).toBe("IN");
  });

  it("requires the required fields", () => {
    const blank = Object.fromEntries(Object.keys(business).map((key) => [key, ""]));
    expect(errorsOf(customerFieldsFormSchema, blank)).toEqual({
      kind: "Choose individual or business",
      legalName: "Enter the legal name",
      displayName: "Enter a display name",
      pan: "Enter the PAN",
      addressLine1: "Enter the address",
      city: "Enter the city",
      state: "Enter the state",
      postalCode: "Enter the postal code",
      contactName: "Enter the contact's name",
      contactEmail: "Enter the contact's email",
      contactPhone: "Enter the contact's phone number",
    });
    // Absent keys behave like empty form fields.
    expect(errorsOf(customerFieldsFormSchema, {}).legalName).toBe("Enter the legal name");
  });

  it("checks name lengths", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, legalName: "A" })).toEqual({
      legalName: "Legal name must be at least 2 characters",
    });
    expect(errorsOf(customerFieldsFormSchema, { ...business, displayName: "x".repeat(101) })).toEqual({
      displayName: "Display name must be at most 100 characters",
    });
    expect(customerFieldsFormSchema.safeParse({ ...business, legalName: "x".repeat(200) }).success).toBe(true);
    expect(errorsOf(customerFieldsFormSchema, { ...business, addressLine1: "x".repeat(201) })).toHaveProperty("addressLine1");
  });

  it("rejects an invalid PAN", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, pan: "AAPFU0939", gstin: "" })).toEqual({
      pan: "Enter a valid PAN: 5 letters, 4 digits, 1 letter (e.g. ABCPE1234F)",
    });
    expect(errorsOf(customerFieldsFormSchema, { ...business, pan: "ABCDE1234F", gstin: "" })).toHaveProperty("pan");
  });

  it("requires an individual's PAN to have holder type P", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...individual, pan: "AAPFU0939F" })).toEqual({
      pan: "An individual's PAN has P as its fourth character",
    });
  });

  it("rejects an invalid TAN", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, tan: "PUNA1234B" })).toEqual({
      tan: "Enter a valid TAN: 4 letters, 5 digits, 1 letter (e.g. MUMA12345B)",
    });
  });

  it("explains each GSTIN problem", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, gstin: "27AAPFU0939F1Z" })).toEqual({
      gstin: "GSTIN must be 15 characters: state code, PAN, entity number, Z, check character",
    });
    expect(errorsOf(customerFieldsFormSchema, { ...business, gstin: withCheck("45AAPFU0939F1Z") })).toEqual({
      gstin: "Unknown GSTIN state code",
    });
    expect(errorsOf(customerFieldsFormSchema, { ...business, gstin: "27AAPFU0939F1ZW" })).toEqual({
      gstin: "GSTIN check character is wrong — check for a typo",
    });
    // Embedded PAN with an unknown holder type is a format problem.
    expect(errorsOf(customerFieldsFormSchema, { ...business, gstin: withCheck("27AAPDU0939F1Z") })).toEqual({
      gstin: "GSTIN must be 15 characters: state code, PAN, entity number, Z, check character",
    });
  });

  it("requires the GSTIN's PAN to match the customer's PAN", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, gstin: "29AAGCB7383J1Z4" })).toEqual({
      gstin: "The PAN inside this GSTIN (AAGCB7383J) does not match the customer's PAN",
    });
    // An individual (proprietor) may have a GSTIN built on their own PAN.
    expect(customerFieldsFormSchema.safeParse({ ...individual, gstin: withCheck("27ABCPK1234F1Z") }).success).toBe(true);
  });

  it("checks the GSTIN's state code against the address state", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, state: "Karnataka" })).toEqual({
      gstin: "This GSTIN's state code 27 is Maharashtra, but the address is in Karnataka",
    });
    expect(customerFieldsFormSchema.safeParse({ ...business, gstin: withCheck("29AAPFU0939F1Z"), state: "karnataka" }).success).toBe(true);
    // Andhra Pradesh's old code, centre jurisdiction, a stored state from before the list, an address abroad.
    expect(customerFieldsFormSchema.safeParse({ ...business, gstin: withCheck("28AAPFU0939F1Z"), state: "Andhra Pradesh" }).success).toBe(true);
    expect(customerFieldsFormSchema.safeParse({ ...business, gstin: withCheck("99AAPFU0939F1Z"), state: "Karnataka" }).success).toBe(true);
    expect(customerFieldsFormSchema.safeParse({ ...business, state: "MH" }).success).toBe(true);
    expect(customerFieldsFormSchema.safeParse({ ...business, state: "Karnataka", country: "GB", postalCode: "SW1A 1AA" }).success).toBe(true);
  });

  it("checks Indian PIN codes only for India", () => {
    for (const postalCode of ["41100", "4110011", "011001", "411 001", "ABCDEF"]) {
      expect(errorsOf(customerFieldsFormSchema, { ...business, postalCode }), postalCode).toEqual({
        postalCode: "Indian PIN codes have 6 digits",
      });
    }
    expect(customerFieldsFormSchema.parse({ ...business, country: "GB", postalCode: "SW1A 1AA" }).postalCode).toBe("SW1A 1AA");
  });

  it("rejects a country that is not a two-letter code", () => {
    for (const country of ["IND", "I", "1N"]) {
      expect(errorsOf(customerFieldsFormSchema, { ...business, country }), country).toEqual({
        country: "Use a two-letter ISO country code, e.g. IN",
      });
    }
  });

  it("rejects an invalid email", () => {
    for (const contactEmail of ["asha", "asha@", "asha@acme", "a sha@acme.example"]) {
      expect(errorsOf(customerFieldsFormSchema, { ...business, contactEmail }), contactEmail).toEqual({
        contactEmail: "Enter a valid email address",
      });
    }
  });

  it("normalises and checks phone numbers", () => {
    expect(customerFieldsFormSchema.parse({ ...business, contactPhone: "020-2553 1234" }).contactPhone).toBe("02025531234");
    expect(customerFieldsFormSchema.parse({ ...business, contactPhone: "+442079460958" }).contactPhone).toBe("+442079460958");
    for (const contactPhone of ["1234567", "+1234567890123456", "98765 4321x", "(020) 25531234", "91+9876543210"]) {
      expect(errorsOf(customerFieldsFormSchema, { ...business, contactPhone }), contactPhone).toEqual({
        contactPhone: "Enter a phone number of 8–15 digits, optionally starting with +",
      });
    }
  });

  it("splits verification references into lines", () => {
    const data = customerFieldsFormSchema.parse({ ...business, verificationReferences: " CKYC 1234 \r\n\n  Aadhaar XXXX-1234\n" });
    expect(data.verificationReferences).toEqual(["CKYC 1234", "Aadhaar XXXX-1234"]);
  });

  it("limits verification references", () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => `ref-${i}`).join("\n");
    expect(errorsOf(customerFieldsFormSchema, { ...business, verificationReferences: tooMany })).toEqual({
      verificationReferences: "Add at most 20 references, one per line",
    });
    expect(errorsOf(customerFieldsFormSchema, { ...business, verificationReferences: `ok\n${"x".repeat(201)}` })).toEqual({
      verificationReferences: "Each reference must be at most 200 characters",
    });
  });

  it("rejects unknown enum values", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, kind: "company" })).toEqual({ kind: "Choose individual or business" });
    expect(errorsOf(customerFieldsFormSchema, { ...business, verificationStatus: "done" })).toEqual({
      verificationStatus: "Choose a verification status",
    });
    expect(errorsOf(customerFieldsFormSchema, { ...business, paymentStanding: "late" })).toEqual({
      paymentStanding: "Choose a payment standing",
    });
  });

  it("reports cross-field problems together with field problems", () => {
    expect(errorsOf(customerFieldsFormSchema, { ...business, contactEmail: "nope", gstin: "29AAGCB7383J1Z4", kind: "" })).toEqual({
      kind: "Choose individual or business",
      contactEmail: "Enter a valid email address",
      gstin: "The PAN inside this GSTIN (AAGCB7383J) does not match the customer's PAN",
    });
  });

  it("is the update schema", () => {
    expect(updateCustomerSchema.parse({ ...business, verificationReferences: [], tenancy: "dedicated", tenantKey: "acme" })).not.toHaveProperty("tenantKey");
  });
});

describe("createCustomerFormSchema", () => {
  it("accepts a dedicated tenancy with a tenant", () => {
    const data = createCustomerFormSchema.parse({
      ...business,
      tenancy: "dedicated",
      tenantKey: " Acme-India ",
      tenantDisplayName: " Acme India ",
    });
    expect(data).toMatchObject({ tenancy: "dedicated", tenantKey: "acme-india", tenantDisplayName: "Acme India", pan: "AAPFU0939F" });
  });

  it("ignores tenant fields for shared tenancy", () => {
    const data = createCustomerFormSchema.parse({ ...individual, tenancy: "shared", tenantKey: "admin", tenantDisplayName: "x" });
    expect(data.tenancy).toBe("shared");
    expect(data).not.toHaveProperty("tenantKey");
    expect(data).not.toHaveProperty("tenantDisplayName");
  });

  it("requires a tenancy", () => {
    expect(errorsOf(createCustomerFormSchema, { ...business, tenancy: "" })).toEqual({ tenancy: "Choose dedicated or shared tenancy" });
    expect(errorsOf(createCustomerFormSchema, { ...business, tenancy: "hybrid" })).toEqual({
      tenancy: "Choose dedicated or shared tenancy",
    });
  });

  it("requires a tenant key and display name for dedicated tenancy", () => {
    expect(errorsOf(createCustomerFormSchema, { ...business, tenancy: "dedicated", tenantKey: "", tenantDisplayName: "" })).toEqual({
      tenantKey: "Enter a tenant key",
      tenantDisplayName: "Enter the tenant's display name",
    });
    expect(errorsOf(createCustomerFormSchema, { ...business, tenancy: "dedicated" })).toHaveProperty("tenantKey");
  });

  it("validates the tenant key", () => {
    const dedicated = { ...business, tenancy: "dedicated", tenantDisplayName: "Acme" };
    expect(errorsOf(createCustomerFormSchema, { ...dedicated, tenantKey: "ab" })).toEqual({ tenantKey: "Use 3–40 characters" });
    expect(errorsOf(createCustomerFormSchema, { ...dedicated, tenantKey: "acme_corp" })).toEqual({
      tenantKey: "Use lowercase letters, digits and hyphens only",
    });
    expect(errorsOf(createCustomerFormSchema, { ...dedicated, tenantKey: "console" })).toEqual({
      tenantKey: "This key is reserved by the platform",
    });
    expect(errorsOf(createCustomerFormSchema, { ...dedicated, tenantKey: "xn--acme" })).toHaveProperty("tenantKey");
    expect(errorsOf(createCustomerFormSchema, { ...dedicated, tenantKey: "-acme" })).toHaveProperty("tenantKey");
  });

  it("validates the tenant display name length", () => {
    const dedicated = { ...business, tenancy: "dedicated", tenantKey: "acme" };
    expect(errorsOf(createCustomerFormSchema, { ...dedicated, tenantDisplayName: "A" })).toEqual({
      tenantDisplayName: "Tenant display name must be 2–100 characters",
    });
    expect(errorsOf(createCustomerFormSchema, { ...dedicated, tenantDisplayName: "x".repeat(101) })).toHaveProperty("tenantDisplayName");
  });

  it("applies the customer rules too", () => {
    expect(errorsOf(createCustomerFormSchema, { ...individual, pan: "AAPFU0939F", tenancy: "dedicated", tenantKey: "root", tenantDisplayName: "Ravi" })).toEqual({
      pan: "An individual's PAN has P as its fourth character",
      tenantKey: "This key is reserved by the platform",
    });
  });
});

describe("fieldErrors", () => {
  it("keeps the first message per top-level field", () => {
    const result = customerFieldsFormSchema.safeParse({ ...business, legalName: "", verificationReferences: `${"x".repeat(201)}\n${"y".repeat(201)}` });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.filter((i) => i.path[0] === "verificationReferences")).toHaveLength(2);
    expect(fieldErrors(result.error)).toEqual({
      legalName: "Enter the legal name",
      verificationReferences: "Each reference must be at most 200 characters",
    });
  });
});

describe("validateCreateCustomer", () => {
  it("reports tenant-key problems together with customer-field problems", () => {
    const result = validateCreateCustomer({ tenancy: "dedicated", tenantKey: "", legalName: "" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors.legalName).toBeDefined();
    expect(result.errors.tenantKey).toBe("Enter a tenant key");
    expect(result.errors.tenantDisplayName).toBeDefined();
  });
});

describe("the JSON schemas (REST API)", () => {
  const json = { ...business, verificationReferences: ["CKYC 1234"] };

  it("take the references as a list, and only as a list", () => {
    expect(customerFieldsSchema.parse(json).verificationReferences).toEqual(["CKYC 1234"]);
    expect(customerFieldsSchema.parse({ ...business, verificationReferences: undefined }).verificationReferences).toBeUndefined();
    expect(errorsOf(customerFieldsSchema, { ...business, verificationReferences: "CKYC 1234" })).toEqual({ verificationReferences: "Send the references as a list of strings" });
    expect(errorsOf(createCustomerSchema, { ...business, tenancy: "shared", verificationReferences: "CKYC 1234\nCKYC 5678" })).toHaveProperty("verificationReferences");
    expect(createCustomerSchema.parse({ ...json, tenancy: "shared" }).verificationReferences).toEqual(["CKYC 1234"]);
  });
});
