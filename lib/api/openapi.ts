import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { createUserSchema } from "@/lib/users/schema";
import { createOrgUnitSchema, updateOrgUnitSchema } from "@/lib/org-units/schema";
import { addMembershipSchema, changeRoleSchema } from "@/lib/memberships/schema";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { errorSchema } from "@/lib/api/schemas/common";
import { auditEventPageSchema, auditQuery } from "@/lib/api/schemas/audit";
import { pageQuery, userListQuery } from "@/lib/api/schemas/queries";
import { createdUserSchema, patchUserSchema, userPageSchema, userSchema } from "@/lib/api/schemas/users";
import { memberPageSchema, membershipSchema, orgUnitPageSchema, orgUnitSchema } from "@/lib/api/schemas/org-units";
import { createCustomerBodySchema, customerPageSchema, customerSchema, patchCustomerSchema } from "@/lib/api/schemas/customers";
import { tenantPageSchema, tenantSchema } from "@/lib/api/schemas/tenants";

// The one registry of the REST API: every request and response schema the route handlers parse
// with, and every route. `tests/openapi.test.ts` checks it against the route files on disk.

export const API_PREFIX = "/api/v1";

const registry = new OpenAPIRegistry();

const security = {
  apiKey: registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "ghk_<prefix>_<secret>",
    description: "An API key of the workspace whose host you call, created on its API keys page. It acts with the scopes it was given.",
  }).name,
  session: registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The session of a signed-in user of the host's workspace (on the console: a superadmin). Changes must come from the same origin.",
  }).name,
};

/**
 * A schema under `components/schemas/<name>`. `registry.register` would need zod extended with
 * `.openapi()` before any schema exists (an extension reaches only schemas created after it), and
 * zod's `.meta({ id })` names go into zod's process-wide registry, where a second evaluation of
 * this module would clash. So a copy of the shared schema is named in the generator's own registry.
 */
function named<S extends z.ZodType>(name: string, schema: S): S {
  const copy = schema.clone();
  zodToOpenAPIRegistry.add(copy, { _internal: { refId: name } });
  return copy;
}

const ErrorBody = named("Error", errorSchema);

const schemas = {
  User: named("User", userSchema),
  CreatedUser: named("CreatedUser", createdUserSchema),
  UserPage: named("UserPage", userPageSchema),
  CreateUser: named("CreateUser", createUserSchema),
  PatchUser: named("PatchUser", patchUserSchema),
  OrgUnit: named("OrgUnit", orgUnitSchema),
  OrgUnitPage: named("OrgUnitPage", orgUnitPageSchema),
  CreateOrgUnit: named("CreateOrgUnit", createOrgUnitSchema),
  PatchOrgUnit: named("PatchOrgUnit", updateOrgUnitSchema),
  MemberPage: named("MemberPage", memberPageSchema),
  Membership: named("Membership", membershipSchema),
  AddMember: named("AddMember", addMembershipSchema),
  ChangeRole: named("ChangeRole", changeRoleSchema),
  Customer: named("Customer", customerSchema),
  CustomerPage: named("CustomerPage", customerPageSchema),
  CreateCustomer: named("CreateCustomer", createCustomerBodySchema),
  PatchCustomer: named("PatchCustomer", patchCustomerSchema),
  Tenant: named("Tenant", tenantSchema),
  TenantPage: named("TenantPage", tenantPageSchema),
  AuditEventPage: named("AuditEventPage", auditEventPageSchema),
};

const ERROR_STATUSES = {
  400: "`validation_failed`: a parameter or the body breaks a rule (`fields` says which).",
  401: "`unauthorized`: no credentials, or an API key that is not valid here, expired or revoked.",
  403: "`forbidden`: the credentials lack the permission, or belong to another tenant; `tenant_suspended`: the tenant is not active.",
  404: "`not_found`: no such object in this tenant (ids of another tenant's objects are not found either).",
  409: "`conflict`: a duplicate, or a state that does not allow the change.",
  413: `\`validation_failed\`: the body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
} as const;
type ErrorStatus = keyof typeof ERROR_STATUSES;

const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

function ok(description: string, schema: z.ZodType, status = 200): Record<string, ResponseConfig> {
  return { [status]: { description, content: json(schema) } };
}

const noContent: Record<string, ResponseConfig> = { 204: { description: "Done; no content." } };

function errors(...statuses: ErrorStatus[]): Record<string, ResponseConfig> {
  return Object.fromEntries(statuses.map((status) => [status, { description: ERROR_STATUSES[status], content: json(ErrorBody) }]));
}

const tenantKey = z.string().meta({ description: "Tenant key. On a workspace host: that workspace's own key. On the console: any tenant's (superadmin).", example: "acme" });
const username = z.string().meta({ description: "Username (case-insensitive).", example: "asha.rao" });
const orgUnitId = z.uuid().meta({ description: "Org unit id." });

const params = {
  tenant: z.object({ key: tenantKey }),
  user: z.object({ key: tenantKey, username }),
  orgUnit: z.object({ key: tenantKey, id: orgUnitId }),
  member: z.object({ key: tenantKey, id: orgUnitId, username }),
};

type Method = RouteConfig["method"];
interface Operation {
  /** operationId, for generated clients. */
  id: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<string, ResponseConfig>;
}

function tenantPath(method: Method, path: string, tag: string, permission: string, op: Operation): void {
  registry.registerPath({
    method,
    path: `${API_PREFIX}/tenants/{key}${path}`,
    tags: [tag],
    operationId: op.id,
    summary: op.summary,
    description: [op.description, `Permission: ${permission}.`].filter(Boolean).join("\n\n"),
    security: [{ [security.apiKey]: [] }, { [security.session]: [] }],
    request: {
      params: op.params,
      query: op.query,
      ...(op.body ? { body: { required: true, content: json(op.body) } } : {}),
    },
    responses: { ...op.responses, ...errors(401, 403, 404, ...(op.query || op.body ? ([400] as const) : []), ...(op.body ? ([413] as const) : [])) },
  });
}

function platformPath(method: Method, path: string, tag: string, op: Operation): void {
  registry.registerPath({
    method,
    path: `${API_PREFIX}${path}`,
    tags: [tag],
    operationId: op.id,
    summary: op.summary,
    description: [op.description, "Console host only; superadmin session."].filter(Boolean).join("\n\n"),
    security: [{ [security.session]: [] }],
    request: {
      params: op.params,
      query: op.query,
      ...(op.body ? { body: { required: true, content: json(op.body) } } : {}),
    },
    responses: { ...op.responses, ...errors(401, 403, ...(op.params ? ([404] as const) : []), ...(op.query || op.body ? ([400] as const) : []), ...(op.body ? ([413] as const) : [])) },
  });
}

// Users
tenantPath("get", "/users", "Users", "user:list", {
  id: "listUsers",
  summary: "List users",
  description: "Username order, keyset-paginated: pass the response's `next` as `after`. `q` matches a prefix of the username, email, first or last name.",
  params: params.tenant,
  query: userListQuery,
  responses: ok("A page of users.", schemas.UserPage),
});
tenantPath("post", "/users", "Users", "user:create", {
  id: "createUser",
  summary: "Create a user",
  description: "Created in the tenant and its identity realm. With `passwordMode: generate` the response carries a one-time password, once.",
  params: params.tenant,
  body: schemas.CreateUser,
  responses: { ...ok("The user.", schemas.CreatedUser, 201), ...errors(409) },
});
tenantPath("get", "/users/{username}", "Users", "user:read", {
  id: "getUser",
  summary: "Get a user",
  params: params.user,
  responses: ok("The user.", schemas.User),
});
tenantPath("patch", "/users/{username}", "Users", "user:update for profile fields, user:disable for `enabled`", {
  id: "updateUser",
  summary: "Update a user's profile, enable or disable",
  description: "Fields left out stay as they are; an empty string clears a profile field. Disabling ends the user's sessions at once.",
  params: params.user,
  body: schemas.PatchUser,
  responses: ok("The user.", schemas.User),
});
tenantPath("delete", "/users/{username}", "Users", "user:delete", {
  id: "deleteUser",
  summary: "Delete a user",
  description: "From the realm and the tenant. The break-glass admin cannot be deleted (403), only disabled.",
  params: params.user,
  responses: noContent,
});

// Org units
tenantPath("get", "/org-units", "Org units", "ou:list (or ou:read within an org unit: only those are listed)", {
  id: "listOrgUnits",
  summary: "List org units",
  description: "Ordered by identifier; `q` matches a prefix of the identifier or the name.",
  params: params.tenant,
  query: pageQuery,
  responses: ok("A page of org units.", schemas.OrgUnitPage),
});
tenantPath("post", "/org-units", "Org units", "ou:create", {
  id: "createOrgUnit",
  summary: "Create an org unit",
  params: params.tenant,
  body: schemas.CreateOrgUnit,
  responses: { ...ok("The org unit.", schemas.OrgUnit, 201), ...errors(409) },
});
tenantPath("get", "/org-units/{id}", "Org units", "ou:read (tenant-wide or within this org unit)", {
  id: "getOrgUnit",
  summary: "Get an org unit",
  params: params.orgUnit,
  responses: ok("The org unit.", schemas.OrgUnit),
});
tenantPath("patch", "/org-units/{id}", "Org units", "ou:update (tenant-wide or within this org unit)", {
  id: "updateOrgUnit",
  summary: "Update an org unit",
  description: "Name, description and metadata; fields left out stay as they are. The identifier never changes.",
  params: params.orgUnit,
  body: schemas.PatchOrgUnit,
  responses: ok("The org unit.", schemas.OrgUnit),
});
tenantPath("delete", "/org-units/{id}", "Org units", "ou:delete (tenant-wide or within this org unit)", {
  id: "deleteOrgUnit",
  summary: "Delete an empty org unit",
  description: "An org unit with members is a conflict.",
  params: params.orgUnit,
  responses: { ...noContent, ...errors(409) },
});

// Memberships
tenantPath("get", "/org-units/{id}/members", "Memberships", "membership:read (tenant-wide or within this org unit)", {
  id: "listMembers",
  summary: "List an org unit's members",
  params: params.orgUnit,
  query: pageQuery,
  responses: ok("A page of members.", schemas.MemberPage),
});
tenantPath("post", "/org-units/{id}/members", "Memberships", "membership:manage (tenant-wide or within this org unit)", {
  id: "addMember",
  summary: "Add a member",
  description: "A user of this tenant joins the org unit with a role: `admin`, `default` or `auditor`.",
  params: params.orgUnit,
  body: schemas.AddMember,
  responses: { ...ok("The membership.", schemas.Membership, 201), ...errors(409) },
});
tenantPath("patch", "/org-units/{id}/members/{username}", "Memberships", "membership:manage (tenant-wide or within this org unit)", {
  id: "changeMemberRole",
  summary: "Change a member's role",
  params: params.member,
  body: schemas.ChangeRole,
  responses: ok("The membership.", schemas.Membership),
});
tenantPath("delete", "/org-units/{id}/members/{username}", "Memberships", "membership:manage (tenant-wide or within this org unit)", {
  id: "removeMember",
  summary: "Remove a member",
  params: params.member,
  responses: noContent,
});

// Platform
platformPath("get", "/customers", "Customers", {
  id: "listCustomers",
  summary: "List customers",
  description: "Newest first; `q` matches the legal or display name, or a PAN / GSTIN prefix.",
  query: pageQuery,
  responses: ok("A page of customers.", schemas.CustomerPage),
});
platformPath("post", "/customers", "Customers", {
  id: "createCustomer",
  summary: "Onboard a customer",
  description: "A dedicated customer gets its tenant (key, display name, optional dedicated cluster), provisioned in the background; a shared one joins the shared cloud tenant. A taken tenant key is a conflict.",
  body: schemas.CreateCustomer,
  responses: { ...ok("The customer.", schemas.Customer, 201), ...errors(409) },
});
platformPath("get", "/customers/{id}", "Customers", {
  id: "getCustomer",
  summary: "Get a customer",
  params: z.object({ id: z.uuid().meta({ description: "Customer id." }) }),
  responses: ok("The customer.", schemas.Customer),
});
platformPath("patch", "/customers/{id}", "Customers", {
  id: "updateCustomer",
  summary: "Update a customer",
  description: "Any fields of the onboarding record (not tenancy); the record they make must pass the same rules as onboarding. The root customer cannot be edited.",
  params: z.object({ id: z.uuid().meta({ description: "Customer id." }) }),
  body: schemas.PatchCustomer,
  responses: ok("The customer.", schemas.Customer),
});
platformPath("get", "/tenants", "Tenants", {
  id: "listTenants",
  summary: "List tenants",
  description: "Newest first, with each provisioning step's state; `q` matches a key prefix or the display name.",
  query: pageQuery,
  responses: ok("A page of tenants.", schemas.TenantPage),
});
platformPath("get", "/tenants/{key}", "Tenants", {
  id: "getTenant",
  summary: "Get a tenant",
  params: z.object({ key: z.string().meta({ description: "Tenant key.", example: "acme" }) }),
  responses: ok("The tenant, its domains and provisioning steps.", schemas.Tenant),
});

// Audit
const AUDIT_DESCRIPTION =
  "Newest first, keyset-paginated: pass the response's `next` as `after`. Filters are exact matches; `from`/`to` bound `occurredAt` (inclusive). `format=csv` streams every matching event as CSV instead.";
const auditResponses = { 200: { description: "A page of events (JSON), or every matching event (`text/csv`).", content: { ...json(schemas.AuditEventPage), "text/csv": { schema: z.string() } } } };
tenantPath("get", "/audit-events", "Audit", "audit:read", {
  id: "listTenantAuditEvents",
  summary: "List the tenant's audit events",
  description: `${AUDIT_DESCRIPTION} Login successes and failures are imported from the identity server first.`,
  params: params.tenant,
  query: auditQuery,
  responses: auditResponses,
});
platformPath("get", "/audit-events", "Audit", {
  id: "listPlatformAuditEvents",
  summary: "List the platform's audit events",
  description: `${AUDIT_DESCRIPTION} Customers, tenants, provisioning steps and console sign-ins.`,
  query: auditQuery,
  responses: auditResponses,
});

// The document itself
registry.registerPath({
  method: "get",
  path: `${API_PREFIX}/openapi.json`,
  tags: ["Reference"],
  operationId: "getOpenApiDocument",
  summary: "This OpenAPI document",
  description: "Served on every workspace host and on the console, without credentials.",
  security: [],
  responses: { 200: { description: "OpenAPI 3.1 document.", content: { "application/json": { schema: z.object({ openapi: z.string() }).loose() } } } },
});

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of `/api/v1`, generated once from the registry. */
export function openApiDocument(): OpenApiDocument {
  cached ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Gatehouse API",
      version: "1.0.0",
      description: [
        "Per-tenant routes (`/api/v1/tenants/{key}/…`) are served on the tenant's own host with an API key of that tenant (`Authorization: Bearer ghk_…`) or its session; a superadmin may call them on the console host for any tenant.",
        "Customers and tenants are served on the console host with a superadmin session. Platform API keys for machines are not available yet.",
        `Bodies are JSON, at most ${MAX_BODY_BYTES / 1024} KiB. Errors are \`{ code, message, fields? }\` with a stable code: validation_failed, unauthorized, forbidden, not_found, conflict, quota_exceeded, tenant_suspended.`,
      ].join("\n\n"),
    },
    tags: [
      { name: "Users" },
      { name: "Org units" },
      { name: "Memberships" },
      { name: "Customers", description: "Console host, superadmin." },
      { name: "Tenants", description: "Console host, superadmin." },
      { name: "Reference" },
    ],
  });
  return cached;
}
