import { z } from "zod";
import { controlDb } from "@/lib/db/control";
import { AppError } from "@/lib/errors/app-error";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { organizationAccessDenial, tenantWideDenial } from "@/lib/access/enforce";
import { getUser } from "@/lib/users/queries";
import { setTenantUserEnabled } from "@/lib/users/commands";
import { SUPERADMIN_PRINCIPAL } from "@/lib/permissions/permissions";
import { paymentChangeSchema, tenantAccessSchema, userAccessSchema, verificationChangeSchema } from "@/lib/standing/schema";
import { changePaymentStanding, changeVerification, setCustomerAccess, setTenantAccess } from "@/lib/standing/commands";
import { standingHistory } from "@/lib/standing/queries";
import { platformRoute } from "@/lib/edge/platform-route";
import type { PathParams } from "@/lib/edge/route-handler";
import { respond } from "@/lib/edge/responses";
import { returns } from "@/lib/api/operation-responses";
import { platformPathParams } from "@/lib/api/schemas/path-params";
import { pathUsername } from "@/lib/api/params";
import { tenantNamed } from "@/lib/permissions/target";
import { customerAccessViewSchema, paymentStandingSchema, tenantAccessViewSchema, userAccessViewSchema, verificationSchema } from "@/lib/api/schemas/standing";

const customerNotFound = () => new AppError("not_found", "Customer not found.");

async function customerOf(params: PathParams) {
  const id = z.uuid().safeParse(params.id ?? "");
  const customer = id.success
    ? await controlDb().customer.findUnique({
        where: { id: id.data },
        select: {
          id: true,
          isRoot: true,
          verificationStatus: true,
          verificationNotes: true,
          verificationReferences: true,
          verificationChangedAt: true,
          paymentStanding: true,
          paymentStandingChangedAt: true,
        },
      })
    : null;
  if (!customer) throw customerNotFound();
  return customer;
}

async function verificationView(params: PathParams) {
  const c = await customerOf(params);
  const { items } = await standingHistory(c.id, { aspect: "verification" });
  return respond(verificationSchema, {
    customerId: c.id,
    status: c.verificationStatus,
    notes: c.verificationNotes,
    references: c.verificationReferences,
    changedAt: c.verificationChangedAt,
    history: items,
  });
}

async function paymentView(params: PathParams) {
  const c = await customerOf(params);
  const { items } = await standingHistory(c.id, { aspect: "payment" });
  return respond(paymentStandingSchema, { customerId: c.id, standing: c.paymentStanding, changedAt: c.paymentStandingChangedAt, history: items });
}

export const getVerificationRoute = platformRoute({
  method: "get",
  path: "/api/v1/customers/{id}/verification",
  operationId: "getVerification",
  tag: "Standing",
  summary: "Get a customer's verification",
  pathParams: platformPathParams.customer,
  responses: returns("Status, notes, references and history.", verificationSchema),
  scope: "customer:read",
  handle: async ({ params }) => verificationView(params),
});

/** The external KYC/KYB system (or a superadmin) sets the verification; the same status again with no note changes nothing. */
export const putVerificationRoute = platformRoute({
  method: "put",
  path: "/api/v1/customers/{id}/verification",
  operationId: "setVerification",
  tag: "Standing",
  summary: "Set a customer's verification (KYC/KYB)",
  description:
    "For an external KYC/KYB system. `references` replaces the stored artifact references when sent. Every change is recorded in the history with the caller and the note; the same status without a note changes nothing. `rekyc_due` locks the customer's tenants out once the grace period has passed since the change; `completed` lets them in again at once.",
  pathParams: platformPathParams.customer,
  responses: returns("The verification after the change.", verificationSchema),
  scope: "verification:write",
  body: verificationChangeSchema,
  handle: async ({ params, body, actor }) => {
    await changeVerification((await customerOf(params)).id, body, actor);
    return verificationView(params);
  },
});

export const getPaymentStandingRoute = platformRoute({
  method: "get",
  path: "/api/v1/customers/{id}/payment-standing",
  operationId: "getPaymentStanding",
  tag: "Standing",
  summary: "Get a customer's payment standing",
  pathParams: platformPathParams.customer,
  responses: returns("Standing and history.", paymentStandingSchema),
  scope: "customer:read",
  handle: async ({ params }) => paymentView(params),
});

export const putPaymentStandingRoute = platformRoute({
  method: "put",
  path: "/api/v1/customers/{id}/payment-standing",
  operationId: "setPaymentStanding",
  tag: "Standing",
  summary: "Set a customer's payment standing",
  description:
    "For the billing system. `overdue` locks the customer's tenants out once the grace period has passed since the change (`payment_required`); `current` or `grace` lets them in again at once, with nothing lost.",
  pathParams: platformPathParams.customer,
  responses: returns("The standing after the change.", paymentStandingSchema),
  scope: "billing:write",
  body: paymentChangeSchema,
  handle: async ({ params, body, actor }) => {
    await changePaymentStanding((await customerOf(params)).id, body, actor);
    return paymentView(params);
  },
});

async function customerAccessView(params: PathParams) {
  const { id } = await customerOf(params);
  const row = await controlDb().customer.findUniqueOrThrow({ where: { id }, select: { accessDisabledAt: true, accessDisabledReason: true } });
  const denial = await organizationAccessDenial(id);
  return respond(customerAccessViewSchema, {
    customerId: id,
    accessEnabled: row.accessDisabledAt === null,
    disabledAt: row.accessDisabledAt,
    disabledReason: row.accessDisabledReason,
    organization: { allowed: denial === null, code: denial?.code ?? null },
  });
}

export const getCustomerAccessRoute = platformRoute({
  method: "get",
  path: "/api/v1/customers/{id}/access",
  operationId: "getCustomerAccess",
  tag: "Standing",
  summary: "Whether a shared customer's organization is open",
  pathParams: platformPathParams.customer,
  responses: returns("The shared customer's billing switch and the current decision for its organization.", customerAccessViewSchema),
  scope: "customer:read",
  handle: async ({ params }) => customerAccessView(params),
});

/** The billing system's switch for a shared customer: `{ enabled: false, reason }` locks its organization in the cloud tenant. */
export const putCustomerAccessRoute = platformRoute({
  method: "put",
  path: "/api/v1/customers/{id}/access",
  operationId: "setCustomerAccess",
  tag: "Standing",
  summary: "Disable or re-enable a shared customer's organization",
  description:
    "The billing system's switch for a shared customer (a dedicated customer's is its tenant's: `conflict` here). `{ enabled: false, reason }`: the organization's members are locked out of its pages and actions on the cloud host (`tenant_suspended`); other organizations are not affected; `{ enabled: true }`: everything is as it was.",
  pathParams: platformPathParams.customer,
  responses: returns("The access after the change.", customerAccessViewSchema),
  scope: "billing:write",
  body: tenantAccessSchema,
  handle: async ({ params, body, actor }) => {
    await setCustomerAccess((await customerOf(params)).id, body, actor);
    return customerAccessView(params);
  },
});

async function tenantAccessView(key: string) {
  // Read fresh (not from the host cache): the answer to a change must show the change.
  const tenant = await tenantNamed(key);
  const row = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { status: true, accessDisabledAt: true, accessDisabledReason: true } });
  const denial = await tenantWideDenial({ ...tenant, status: row.status });
  return respond(tenantAccessViewSchema, {
    key: tenant.key,
    status: row.status,
    accessEnabled: row.accessDisabledAt === null,
    disabledAt: row.accessDisabledAt,
    disabledReason: row.accessDisabledReason,
    access: { allowed: denial === null, code: denial?.code ?? null },
  });
}

async function customerTenant(params: PathParams) {
  const tenant = await tenantNamed(params.key ?? "");
  if (tenant.kind === "root") throw new AppError("not_found", `No tenant with the key “${params.key ?? ""}”.`);
  return tenant;
}

export const getTenantAccessRoute = platformRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/access",
  operationId: "getTenantAccess",
  tag: "Standing",
  summary: "Whether a tenant's users and keys get in",
  pathParams: platformPathParams.tenant,
  responses: returns("The billing switch and the current decision.", tenantAccessViewSchema),
  scope: "tenant:read",
  handle: async ({ params }) => tenantAccessView((await customerTenant(params)).key),
});

/** The billing system's tenant-wide switch: `{ enabled: false, reason }` locks everyone out, data kept. */
export const putTenantAccessRoute = platformRoute({
  method: "put",
  path: "/api/v1/tenants/{key}/access",
  operationId: "setTenantAccess",
  tag: "Standing",
  summary: "Disable or re-enable a whole tenant",
  description:
    "The billing system's tenant-wide switch, separate from the lifecycle status. `{ enabled: false, reason }`: nobody signs in and no key works (`tenant_suspended`); `{ enabled: true }`: everything is as it was.",
  pathParams: platformPathParams.tenant,
  responses: returns("The access after the change.", tenantAccessViewSchema),
  scope: "billing:write",
  body: tenantAccessSchema,
  handle: async ({ params, body, actor }) => {
    const tenant = await customerTenant(params);
    await setTenantAccess(tenant.id, body, actor);
    return tenantAccessView(tenant.key);
  },
});

/**
 * The billing system disables or re-enables one user of a tenant (e.g. an unpaid seat), through the
 * tenant's own user service: its database at once, then its realm. Recorded in the tenant's audit
 * trail and in the platform's.
 */
export const putUserAccessRoute = platformRoute({
  method: "put",
  path: "/api/v1/tenants/{key}/users/{username}/access",
  operationId: "setUserAccess",
  tag: "Standing",
  summary: "Disable or re-enable one user of a tenant",
  description: "Through the tenant's user service: refused on the user's next request, sessions ended in the realm.",
  pathParams: platformPathParams.tenantUser,
  responses: returns("The user's access.", userAccessViewSchema),
  scope: "billing:write",
  body: userAccessSchema,
  handle: async ({ params, body, actor }) => {
    const tenant = await customerTenant(params);
    if (tenant.status !== "active") throw new AppError("tenant_suspended", `The tenant “${tenant.key}” is ${tenant.status}.`);
    const username = pathUsername(params);
    const before = await getUser(tenant, username);
    if (!before) throw new AppError("not_found", "User not found.");
    if (before.enabled !== body.enabled) {
      // The platform stands above every tenant role: billing:write may switch off any seat, admins' too.
      await setTenantUserEnabled(tenant, username, body.enabled, SUPERADMIN_PRINCIPAL, actor);
      await controlDb().$transaction((tx) =>
        recordPlatformEvent(tx, actor, {
          action: body.enabled ? "tenant.user_enabled" : "tenant.user_disabled",
          resourceType: "tenant",
          resourceId: tenant.id,
          tenantId: tenant.id,
          before: { username, enabled: before.enabled },
          after: { username, enabled: body.enabled, reason: body.reason ?? null },
        }),
      );
    }
    return respond(userAccessViewSchema, { username, enabled: body.enabled });
  },
});
