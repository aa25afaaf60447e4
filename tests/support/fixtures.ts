import { randomBytes } from "node:crypto";
import { gstinCheckCharacter } from "@/lib/customers/identifiers";
import type { CreateCustomerInput } from "@/lib/customers/schema";
import type { AuditActor } from "@/lib/audit/actor";
import { SUPERADMIN_PRINCIPAL, type Principal } from "@/lib/permissions/permissions";

export const TEST_ACTOR: AuditActor = { actor: "test", ip: "127.0.0.1", userAgent: "vitest" };
/** Who the tests' direct calls to the services act as: the platform operator, who may grant anything. */
export const TEST_PRINCIPAL: Principal = SUPERADMIN_PRINCIPAL;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A syntactically valid business PAN (holder type C) that differs per call. */
export function randomPan(holderType = "C"): string {
  const bytes = randomBytes(9);
  const letter = (i: number) => LETTERS[bytes[i]! % 26];
  const digits = String(bytes.readUInt32BE(4) % 10_000).padStart(4, "0");
  return `${letter(0)}${letter(1)}${letter(2)}${holderType}${letter(3)}${digits}${letter(8)}`;
}

export function gstinFor(pan: string, state = "27"): string {
  const first14 = `${state}${pan}1Z`;
  return first14 + gstinCheckCharacter(first14);
}

export function uniqueKey(prefix = "t"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export function businessCustomer(overrides: Partial<CreateCustomerInput> & { tenantKey?: string } = {}): CreateCustomerInput {
  const pan = randomPan();
  const key = overrides.tenantKey ?? uniqueKey();
  return {
    kind: "business",
    legalName: "Acme Widgets Private Limited",
    displayName: "Acme Widgets",
    pan,
    tan: undefined,
    gstin: gstinFor(pan),
    addressLine1: "1 MG Road",
    addressLine2: undefined,
    city: "Pune",
    state: "Maharashtra",
    postalCode: "411001",
    country: "IN",
    contactName: "Asha Rao",
    contactEmail: "asha@acme.example",
    contactPhone: "+919876543210",
    verificationStatus: "completed",
    verificationReferences: [],
    paymentStanding: "current",
    tenancy: "dedicated",
    tenantKey: key,
    tenantDisplayName: "Acme Widgets",
    ...overrides,
  } as CreateCustomerInput;
}
