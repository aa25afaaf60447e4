import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { parseOrThrow } from "@/lib/errors/zod";
import { updateCustomerSchema } from "@/lib/customers/schema";
import { createCustomer, customerListSpec, getCustomer, listCustomers, updateCustomer } from "@/lib/customers/service";
import { inDefaultOrder } from "@/lib/pagination/page";
import { platformRoute } from "@/lib/edge/platform-route";
import type { PathParams } from "@/lib/edge/route-handler";
import type { PlatformScope } from "@/lib/permissions/platform";
import { respond } from "@/lib/edge/responses";
import { refusals, returns } from "@/lib/api/operation-responses";
import { platformPathParams } from "@/lib/api/schemas/path-params";
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
  if (
    (body.verificationStatus !== undefined && !(initial && body.verificationStatus === "pending")) ||
    (body.verificationReferences !== undefined && !(initial && references.length === 0))
  )
    scopes.push("verification:write");
  if (body.paymentStanding !== undefined && !(initial && body.paymentStanding === "current")) scopes.push("billing:write");
  return scopes;
}

export const listCustomersRoute = platformRoute({
  method: "get",
  path: "/api/v1/customers",
  operationId: "listCustomers",
  tag: "Customers",
  summary: "List customers",
  description: "Newest first; `q` matches the legal or display name, or a PAN / GSTIN prefix.",
  responses: returns("A page of customers.", customerPageSchema),
  scope: "customer:read",
  query: pageQuery,
  handle: async ({ query }) => respond(customerPageSchema, await listCustomers(inDefaultOrder(query, customerListSpec))),
});

/** Onboards a customer; a dedicated one gets its tenant, provisioned in the background. */
export const createCustomerRoute = platformRoute({
  method: "post",
  path: "/api/v1/customers",
  operationId: "createCustomer",
  tag: "Customers",
  summary: "Onboard a customer",
  description:
    "A dedicated customer gets its tenant (key, display name, optional dedicated cluster), provisioned in the background; a shared one joins the shared cloud tenant. A taken tenant key is a conflict. A PAN or GSTIN another customer already has is refused with `possible_duplicate` (409; `details` names that customer) unless `confirmDuplicate: true` is sent. A dedicated customer needs `verificationStatus: completed` (else `verification_required`, 403). A platform key also needs verification:write to onboard with a verification other than `pending` (or references), and billing:write for a payment standing other than `current`.",
  responses: { ...returns("The customer.", customerSchema, 201), ...refusals(409) },
  scope: "customer:write",
  body: createCustomerBodySchema,
  handle: async ({ body, actor, authorize }) => {
    standingScopes(body, true).forEach(authorize);
    const { customerId } = await createCustomer(body, actor, { databaseUrl: body.databaseUrl ?? null, confirmDuplicate: body.confirmDuplicate === true });
    const created = await getCustomer(customerId);
    if (!created) throw notFound();
    return respond(customerSchema, created, 201);
  },
});

export const getCustomerRoute = platformRoute({
  method: "get",
  path: "/api/v1/customers/{id}",
  operationId: "getCustomer",
  tag: "Customers",
  summary: "Get a customer",
  pathParams: platformPathParams.customer,
  responses: returns("The customer.", customerSchema),
  scope: "customer:read",
  handle: async ({ params }) => respond(customerSchema, await existingCustomer(params)),
});

/** Changes the fields sent; the record they make together must pass the onboarding rules again. */
export const patchCustomerRoute = platformRoute({
  method: "patch",
  path: "/api/v1/customers/{id}",
  operationId: "updateCustomer",
  tag: "Customers",
  summary: "Update a customer",
  description:
    "Any fields of the onboarding record (not tenancy); the record they make must pass the same rules as onboarding. The root customer cannot be edited. Sending `verificationStatus`/`verificationReferences` also needs verification:write, `paymentStanding` billing:write; such changes are recorded in the standing history.",
  pathParams: platformPathParams.customer,
  responses: returns("The customer.", customerSchema),
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
