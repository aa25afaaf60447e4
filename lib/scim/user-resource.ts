import { z } from "zod";
import { invalidValue } from "@/lib/scim/errors";
import { SCIM_SCHEMAS } from "@/lib/scim/schemas";

// A Gatehouse user as a SCIM User (RFC 7643 §4.1) and back. One email (the work address), given
// and family name, `active` = enabled, `externalId` kept as sent.

/** The user row's columns SCIM shows. */
export interface UserRecord {
  id: string;
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  enabled: boolean;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const USER_RECORD_SELECT = {
  id: true,
  username: true,
  email: true,
  firstName: true,
  lastName: true,
  enabled: true,
  externalId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface ScimEmail {
  value: string;
  type?: string;
  primary?: boolean;
}

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName?: string; familyName?: string; formatted?: string };
  displayName: string;
  emails: ScimEmail[];
  active: boolean;
  meta: { resourceType: "User"; created: Date; lastModified: Date; location: string };
}

export function toScimUser(user: UserRecord, baseUrl: string): ScimUser {
  const formatted = [user.firstName, user.lastName].filter(Boolean).join(" ");
  return {
    schemas: [SCIM_SCHEMAS.user],
    id: user.id,
    ...(user.externalId !== null ? { externalId: user.externalId } : {}),
    userName: user.username,
    name: { ...(user.firstName ? { givenName: user.firstName } : {}), ...(user.lastName ? { familyName: user.lastName } : {}), ...(formatted ? { formatted } : {}) },
    displayName: formatted || user.username,
    emails: user.email ? [{ value: user.email, type: "work", primary: true }] : [],
    active: user.enabled,
    meta: { resourceType: "User", created: user.createdAt, lastModified: user.updatedAt, location: `${baseUrl}/Users/${user.id}` },
  };
}

/** Entra ID sends booleans as "True"/"False" strings in PATCH values. */
const scimBoolean = z.preprocess(
  (v) => (typeof v === "string" ? (({ true: true, false: false } as Record<string, boolean>)[v.toLowerCase()] ?? v) : v),
  z.boolean({ error: "active is true or false" }),
);

const optionalText = z.string().nullish();

const userBodySchema = z.object({
  userName: z.string({ error: "userName is required" }).min(1, "userName is required"),
  externalId: optionalText,
  name: z.object({ givenName: optionalText, familyName: optionalText }).partial().nullish(),
  emails: z.array(z.object({ value: z.string().nullish(), type: z.string().nullish(), primary: scimBoolean.nullish() })).nullish(),
  active: scimBoolean.optional(),
  password: z.string().optional(),
});

/** What a SCIM User body asks for, in Gatehouse's terms (not yet validated by the users' rules). */
export interface DesiredUser {
  username: string;
  externalId: string | null;
  email: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  enabled: boolean;
  password: string | undefined;
}

/** The primary email, else the work one, else the first. */
function pickEmail(emails: readonly { value?: string | null; type?: string | null; primary?: boolean | null }[]): string | undefined {
  const chosen = emails.find((e) => e.primary) ?? emails.find((e) => e.type?.toLowerCase() === "work") ?? emails[0];
  return chosen?.value ?? undefined;
}

export function desiredUser(body: unknown): DesiredUser {
  const parsed = userBodySchema.safeParse(body);
  if (!parsed.success) throw invalidValue(parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  const user = parsed.data;
  return {
    username: user.userName,
    externalId: user.externalId ?? null,
    email: pickEmail(user.emails ?? []),
    firstName: user.name?.givenName ?? undefined,
    lastName: user.name?.familyName ?? undefined,
    enabled: user.active ?? true,
    password: user.password,
  };
}
