import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { apiKeyIdSchema } from "@/lib/api-keys/schema";
import { orgUnitIdSchema } from "@/lib/org-units/schema";
import { ORGANIZATION_NOT_FOUND } from "@/lib/organizations/authority";
import { usernameSchema } from "@/lib/users/schema";

/**
 * A value a page binds into a server action (`action.bind(null, …)`): which user, org unit or
 * tenant the form is about. It comes back from the browser, so the action parses it again; one
 * that is not of its kind names nothing and is `not_found`, like an id that does not exist.
 * `Raw` is what the page binds, `Out` what the handler gets.
 */
export interface BoundKind<Raw, Out> {
  schema: z.ZodType<Out>;
  notFound: string;
  /** Type only: what the page binds. */
  readonly raw?: Raw;
}

export type BoundKinds = readonly BoundKind<unknown, unknown>[];

/** The arguments a page binds, in the declared order. */
export type RawBound<B extends BoundKinds> = { -readonly [I in keyof B]: B[I] extends BoundKind<infer Raw, unknown> ? Raw : never };
/** The same arguments parsed, as the handler gets them. */
export type ParsedBound<B extends BoundKinds> = { -readonly [I in keyof B]: B[I] extends BoundKind<unknown, infer Out> ? Out : never };

const kind = <S extends z.ZodType>(schema: S, notFound: string): BoundKind<z.input<S>, z.output<S>> => ({ schema, notFound }) as BoundKind<z.input<S>, z.output<S>>;

export const BOUND = {
  user: kind(usernameSchema, "User not found."),
  tenant: kind(z.uuid(), "Tenant not found."),
  customer: kind(z.uuid(), "Customer not found."),
  orgUnit: kind(orgUnitIdSchema, "Org unit not found."),
  apiKey: kind(apiKeyIdSchema, "API key not found."),
  domain: kind(z.string(), "Domain not found."),
  organization: kind(z.uuid(), ORGANIZATION_NOT_FOUND),
  invitation: kind(z.uuid(), "Invitation not found."),
  /** A link's secret (invitation, set-password link): the command checks it. */
  token: kind(z.string(), "This link is not valid."),
  /** A choice the page made for the form (e.g. enable or disable). */
  flag: kind(z.boolean(), "Not found."),
} as const;

export function parseBound<B extends BoundKinds>(kinds: B, raw: readonly unknown[]): ParsedBound<B> {
  return kinds.map((kind, i) => {
    const parsed = kind.schema.safeParse(raw[i]);
    if (!parsed.success) throw new AppError("not_found", kind.notFound);
    return parsed.data;
  }) as ParsedBound<B>;
}
