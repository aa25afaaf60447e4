import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import { updateCustomerSchema } from "@/lib/customers/schema";
import { createCustomer, getCustomer, listCustomers, updateCustomer } from "@/lib/customers/service";
import { platformRoute, type PathParams } from "@/lib/api/route";
import type { PlatformScope } from "@/lib/permissions/platform";
import { respond } from "@/lib/api/responses";
import { pageQuery } from "@/lib/api/schemas/queries";
import { createCustomerBodySchema, customerPageSchema, customerSchema, patchCustomerSchema } from "@/lib/api/schemas/customers";

const notFound = () => new AppError("not_found", "Customer not found.");

async function existingCustomer(params: PathParams) {
  const id = z.uuid().safeParse(params.id ?? "");
  const customer = id.success ? await getCustomer(id.data) : null;
  if (!customer) throw notFound();
  return customer;
}

const CUSTOMER_FIELDS = Object.keys(updateCustomerSchema.shape);

/**
 * Setting verification or payment standing along with the record needs the scope that owns it, so
 * a key that edits records cannot mark a customer verified or paid.
 */
function standingScopes(body: { verificationStatus?: string; verificationReferences?: string[]; paymentStanding?: string }, initial: boolean): PlatformScope[] {
  const scopes: PlatformScope[] = [];
  const references = body.verificationReferences ?? [];
  if ((body.verificationStatus !== undefined && !(initial && body.verificationStatus === "pending")) || (body.verificationReferences !== undefined && !(initial && references.length === 0))) scopes.push("verification:write");
  if (body.paymentStanding !== undefined && !(initial && body.paymentStanding === "current")) scopes.push("billing:write");
  return scopes;
}

export const listCustomersRoute = platformRoute({
  scope: "customer:read",
  query: pageQuery,
  handle: async ({ query }) => respond(customerPageSchema, await listCustomers(query)),
});

/** Onboards a customer; a dedicated one gets its tenant, provisioned in the background. */
export const createCustomerRoute = platformRoute({
  scope: "customer:write",
  body: createCustomerBodySchema,
  handle: async ({ body, actor, authorize }) => {
    standingScopes(body, true).forEach(authorize);
    const { customerId } = await createCustomer(body, actor, { databaseUrl: body.databaseUrl ?? null });
    const created = await getCustomer(customerId);
    if (!created) throw notFound();
    return respond(customerSchema, created, 201);
  },
});

export const getCustomerRoute = platformRoute({
  scope: "customer:read",
  handle: async ({ params }) => respond(customerSchema, await existingCustomer(params)),
});

/** Changes the fields sent; the record they make together must pass the onboarding rules again. */
export const patchCustomerRoute = platformRoute({
  scope: "customer:write",
  body: patchCustomerSchema,
  handle: async ({ params, body, actor, authorize }) => {
    standingScopes(body, false).forEach(authorize);
    const current = await existingCustomer(params);
    if (current.isRoot) throw new AppError("forbidden", "The root customer is managed by the platform and cannot be edited here.");
    const stored = Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field, current[field as keyof typeof current]]));
    const merged = parseOrThrow(updateCustomerSchema, { ...stored, ...body });
    await updateCustomer(current.id, merged, actor);
    return respond(customerSchema, await existingCustomer(params));
  },
});
