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
import { lifecycleChangeSchema, quotaOverridesSchema, tenantPageSchema, tenantQuotasSchema, tenantRateLimitsSchema, tenantRateOverridesSchema, tenantSchema } from "@/lib/api/schemas/tenants";
import { apiKeyListSchema, apiKeySchema, createdApiKeySchema } from "@/lib/api/schemas/api-keys";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { addDomainSchema, domainListSchema, domainSchema } from "@/lib/api/schemas/domains";
import { brandingSchema } from "@/lib/api/schemas/branding";
import { brandingSettingsSchema } from "@/lib/branding/schema";
import { ASSET_RULES, formatKiB } from "@/lib/branding/upload";
import { customerAccessViewSchema, paymentStandingSchema, tenantAccessViewSchema, userAccessViewSchema, verificationSchema } from "@/lib/api/schemas/standing";
import { paymentChangeSchema, tenantAccessSchema, userAccessSchema, verificationChangeSchema } from "@/lib/standing/schema";
import type { PlatformScope } from "@/lib/permissions/platform";

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
  platformKey: registry.registerComponent("securitySchemes", "platformKey", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "ghk_<prefix>_<secret>",
    description: "A platform API key, created by a superadmin on the console's API keys page, for the console's API only. It acts with the platform scopes it was given: customer:read, customer:write, tenant:read, verification:write, billing:write.",
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
  ApiKey: named("ApiKey", apiKeySchema),
  CreatedApiKey: named("CreatedApiKey", createdApiKeySchema),
  ApiKeyList: named("ApiKeyList", apiKeyListSchema),
  CreateApiKey: named("CreateApiKey", createApiKeySchema),
  Domain: named("Domain", domainSchema),
  DomainList: named("DomainList", domainListSchema),
  AddDomain: named("AddDomain", addDomainSchema),
  Branding: named("Branding", brandingSchema),
  BrandingSettings: named("BrandingSettings", brandingSettingsSchema),
  Customer: named("Customer", customerSchema),
  CustomerPage: named("CustomerPage", customerPageSchema),
  CreateCustomer: named("CreateCustomer", createCustomerBodySchema),
  PatchCustomer: named("PatchCustomer", patchCustomerSchema),
  Tenant: named("Tenant", tenantSchema),
  TenantPage: named("TenantPage", tenantPageSchema),
  LifecycleChange: named("LifecycleChange", lifecycleChangeSchema),
  TenantQuotas: named("TenantQuotas", tenantQuotasSchema),
  TenantRateLimits: named("TenantRateLimits", tenantRateLimitsSchema),
  TenantRateOverrides: named("TenantRateOverrides", tenantRateOverridesSchema),
  QuotaOverrides: named("QuotaOverrides", quotaOverridesSchema),
  Verification: named("Verification", verificationSchema),
  VerificationChange: named("VerificationChange", verificationChangeSchema),
  PaymentStanding: named("PaymentStanding", paymentStandingSchema),
  PaymentChange: named("PaymentChange", paymentChangeSchema),
  TenantAccess: named("TenantAccess", tenantAccessViewSchema),
  CustomerAccess: named("CustomerAccess", customerAccessViewSchema),
  TenantAccessChange: named("TenantAccessChange", tenantAccessSchema),
  UserAccess: named("UserAccess", userAccessViewSchema),
  UserAccessChange: named("UserAccessChange", userAccessSchema),
  AuditEventPage: named("AuditEventPage", auditEventPageSchema),
};

const ERROR_STATUSES = {
  400: "`validation_failed`: a parameter or the body breaks a rule (`fields` says which).",
  401: "`unauthorized`: no credentials, or an API key that is not valid here, expired or revoked.",
  402: "`payment_required`: the customer's payment is overdue past the grace period; nobody of the tenant gets in until it is settled.",
  403: "`forbidden`: the credentials lack the permission, or belong to another tenant; `tenant_suspended`: the tenant is not active or billing disabled it; `verification_required`: the customer's re-verification is due past the grace period.",
  404: "`not_found`: no such object in this tenant (ids of another tenant's objects are not found either).",
  409: "`conflict`: a duplicate, or a state that does not allow the change.",
  429: "`rate_limited`: too many requests from this address, caller or tenant (see `Retry-After` and the `RateLimit` headers); `quota_exceeded`: the tenant is at its quota for this kind of object; nothing was created.",
  503: "`service_unavailable`: the database cannot be reached right now; retry after `Retry-After` seconds. Nothing was changed.",
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
  apiKey: z.object({ key: tenantKey, id: z.uuid().meta({ description: "API key id." }) }),
  domain: z.object({ key: tenantKey, hostname: z.string().meta({ description: "The custom domain.", example: "login.acme-corp.com" }) }),
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
  /** A raw (non-JSON) body of one of these media types, instead of `body`. */
  rawBody?: { description: string; types: readonly string[] };
  responses: Record<string, ResponseConfig>;
}

function requestBody(op: Operation): Pick<NonNullable<RouteConfig["request"]>, "body"> {
  if (op.body) return { body: { required: true, content: json(op.body) } };
  if (op.rawBody) {
    const binary = { schema: z.string().meta({ format: "binary" }) };
    return { body: { required: true, description: op.rawBody.description, content: Object.fromEntries(op.rawBody.types.map((type) => [type, binary])) } };
  }
  return {};
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
    request: { params: op.params, query: op.query, ...requestBody(op) },
    // A raw body's own 413 (its size limit) is in op.responses.
    responses: { ...errors(401, 402, 403, 404, 429, 503, ...(op.query || op.body || op.rawBody ? ([400] as const) : []), ...(op.body ? ([413] as const) : [])), ...op.responses },
  });
}

function platformPath(method: Method, path: string, tag: string, scope: PlatformScope, op: Operation): void {
  registry.registerPath({
    method,
    path: `${API_PREFIX}${path}`,
    tags: [tag],
    operationId: op.id,
    summary: op.summary,
    description: [op.description, `Console host only: a superadmin session, or a platform API key with the scope ${scope}.`].filter(Boolean).join("\n\n"),
    security: [{ [security.platformKey]: [] }, { [security.session]: [] }],
    request: { params: op.params, query: op.query, ...requestBody(op) },
    responses: { ...op.responses, ...errors(401, 403, 429, 503, ...(op.params ? ([404] as const) : []), ...(op.query || op.body ? ([400] as const) : []), ...(op.body ? ([413] as const) : [])) },
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
  description:
    "Created in the tenant and its identity realm. With `passwordMode: generate` the response carries a one-time password, with `link` a set-password link — either once. The caller must hold every permission of the `tenantRole` it gives (else 403 `forbidden`, naming what it lacks). A username or an email (case-insensitively) another user has is a 409 `conflict` naming the field.",
  params: params.tenant,
  body: schemas.CreateUser,
  responses: { ...ok("The user.", schemas.CreatedUser, 201), ...errors(409, 429) },
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
  description:
    "Fields left out stay as they are; an empty string clears a profile field. Disabling ends the user's sessions at once. The caller must hold every permission of the user's current role to change anything about them (else 403 `forbidden`). A taken username or email is a 409 `conflict` naming the field.",
  params: params.user,
  body: schemas.PatchUser,
  responses: { ...ok("The user.", schemas.User), ...errors(409) },
});
tenantPath("delete", "/users/{username}", "Users", "user:delete", {
  id: "deleteUser",
  summary: "Delete a user",
  description: "From the realm and the tenant. The break-glass admin cannot be deleted (403), only disabled. The caller must hold every permission of the user's role (else 403 `forbidden`).",
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
  responses: { ...ok("The org unit.", schemas.OrgUnit, 201), ...errors(409, 429) },
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
  description: "A user of this tenant joins the org unit with a role: `admin`, `default` or `auditor`. The caller must hold, in this org unit, every permission of the role it gives (else 403 `forbidden`).",
  params: params.orgUnit,
  body: schemas.AddMember,
  responses: { ...ok("The membership.", schemas.Membership, 201), ...errors(409, 429) },
});
tenantPath("patch", "/org-units/{id}/members/{username}", "Memberships", "membership:manage (tenant-wide or within this org unit)", {
  id: "changeMemberRole",
  summary: "Change a member's role",
  description: "The caller must hold, in this org unit, every permission of both the old and the new role (else 403 `forbidden`).",
  params: params.member,
  body: schemas.ChangeRole,
  responses: ok("The membership.", schemas.Membership),
});
tenantPath("delete", "/org-units/{id}/members/{username}", "Memberships", "membership:manage (tenant-wide or within this org unit)", {
  id: "removeMember",
  summary: "Remove a member",
  description: "The caller must hold, in this org unit, every permission of the member's role (else 403 `forbidden`).",
  params: params.member,
  responses: noContent,
});

// API keys
tenantPath("get", "/api-keys", "API keys", "apikey:list", {
  id: "listApiKeys",
  summary: "List API keys",
  description: "Newest first, with the last use; revoked and expired keys too (see `status`). Never the secret or its hash.",
  params: params.tenant,
  responses: ok("The tenant's API keys.", schemas.ApiKeyList),
});
tenantPath("post", "/api-keys", "API keys", "apikey:create (and every scope given to the key)", {
  id: "createApiKey",
  summary: "Create an API key",
  description: "Scopes are permissions the caller holds. The response carries the secret, this once. Active keys per tenant are limited (`quota_exceeded`).",
  params: params.tenant,
  body: schemas.CreateApiKey,
  responses: { ...ok("The key and its secret.", schemas.CreatedApiKey, 201), ...errors(429) },
});
tenantPath("delete", "/api-keys/{id}", "API keys", "apikey:revoke", {
  id: "revokeApiKey",
  summary: "Revoke an API key",
  description: "Its next request is refused. The key stays listed as revoked; revoking it again is a conflict.",
  params: params.apiKey,
  responses: { ...ok("The revoked key.", schemas.ApiKey), ...errors(409) },
});
// Custom domains
tenantPath("get", "/domains", "Custom domains", "settings:update", {
  id: "listDomains",
  summary: "List custom domains",
  description: "Oldest first, each with its status, the last DNS check and its error, the next automatic check, and the DNS records to create.",
  params: params.tenant,
  responses: ok("The tenant's custom domains.", schemas.DomainList),
});
tenantPath("post", "/domains", "Custom domains", "settings:update", {
  id: "addDomain",
  summary: "Add a custom domain",
  description: "A DNS name of your own (no IP, no port; not the platform's domain or a name under it). It stays `pending` until the TXT record `_gatehouse.<domain>` holds the token. A domain another tenant claimed is a conflict.",
  params: params.tenant,
  body: schemas.AddDomain,
  responses: { ...ok("The pending domain and the DNS records to create.", schemas.Domain, 201), ...errors(409) },
});
tenantPath("get", "/domains/{hostname}", "Custom domains", "settings:update", {
  id: "getDomain",
  summary: "Get a custom domain",
  params: params.domain,
  responses: ok("The domain.", schemas.Domain),
});
tenantPath("post", "/domains/{hostname}/verify", "Custom domains", "settings:update", {
  id: "verifyDomain",
  summary: "Check a custom domain's DNS now",
  description: "Verified when the TXT record holds the token: from then on the domain routes to the tenant and its sign-in redirects are accepted. Otherwise it stays pending with `lastError`.",
  params: params.domain,
  responses: ok("The domain after the check.", schemas.Domain),
});
tenantPath("delete", "/domains/{hostname}", "Custom domains", "settings:update", {
  id: "removeDomain",
  summary: "Remove a custom domain",
  description: "The domain stops routing to the tenant at once.",
  params: params.domain,
  responses: noContent,
});
// Branding
const brandingFile = z.enum(["logo", "favicon"]).meta({ description: "Which file." });
const fileRules = (["logo", "favicon"] as const).map((kind) => `${ASSET_RULES[kind].label}: ${ASSET_RULES[kind].typeNames}, at most ${formatKiB(ASSET_RULES[kind].maxBytes)}`).join("; ");
tenantPath("get", "/branding", "Branding", "settings:update", {
  id: "getBranding",
  summary: "Get the branding",
  description: "Name, tagline, colour, the files' metadata (never their bytes: those are served at `path` on the tenant's host) and whether the login page shows it yet.",
  params: params.tenant,
  responses: ok("The branding.", schemas.Branding),
});
tenantPath("put", "/branding", "Branding", "settings:update", {
  id: "setBranding",
  summary: "Set name, tagline and colour",
  description: "The same rules and the same audit event (`settings.updated`) as the settings page; the files stay as they are. The workspace shows it at once; the realm's login page is updated next (`realmSyncState`; on `failed` the branding stays saved and the settings page offers a retry).",
  params: params.tenant,
  body: schemas.BrandingSettings,
  responses: ok("The branding after the save.", schemas.Branding),
});
tenantPath("put", "/branding/{kind}", "Branding", "settings:update", {
  id: "setBrandingFile",
  summary: "Upload the logo or favicon",
  description: `The file is the raw request body. ${fileRules}. The type is taken from the content (the Content-Type must name a type the file may have); an SVG is sanitised (scripts, event handlers and external references removed). A file over the limit is refused with 413 and nothing is written.`,
  params: z.object({ key: tenantKey, kind: brandingFile }),
  rawBody: { description: "The image file.", types: [...new Set([...ASSET_RULES.logo.accept.split(","), ...ASSET_RULES.favicon.accept.split(",")])] },
  responses: {
    ...ok("The branding after the save.", schemas.Branding),
    413: { description: "`validation_failed`: the file is over its size limit (`fields` names it).", content: json(ErrorBody) },
  },
});
tenantPath("delete", "/branding/{kind}", "Branding", "settings:update", {
  id: "removeBrandingFile",
  summary: "Remove the logo or favicon",
  description: "Audited like a save; the login page stops showing it. `not_found` when there is none.",
  params: z.object({ key: tenantKey, kind: brandingFile }),
  responses: noContent,
});

// Export
tenantPath("get", "/export", "Export", "tenant:export", {
  id: "exportTenant",
  summary: "Export the tenant's data",
  description: "A zip with the tenant record and settings (`tenant.json`) and its users, org units and memberships, each as JSON and CSV, read in one consistent snapshot. `Content-Length` is set, so a client can show progress. Audited.",
  params: params.tenant,
  responses: { 200: { description: "The zip.", content: { "application/zip": { schema: z.string().meta({ format: "binary" }) } } } },
});

// Platform
platformPath("get", "/customers", "Customers", "customer:read", {
  id: "listCustomers",
  summary: "List customers",
  description: "Newest first; `q` matches the legal or display name, or a PAN / GSTIN prefix.",
  query: pageQuery,
  responses: ok("A page of customers.", schemas.CustomerPage),
});
platformPath("post", "/customers", "Customers", "customer:write", {
  id: "createCustomer",
  summary: "Onboard a customer",
  description: "A dedicated customer gets its tenant (key, display name, optional dedicated cluster), provisioned in the background; a shared one joins the shared cloud tenant. A taken tenant key is a conflict. A dedicated customer needs `verificationStatus: completed` (else `verification_required`, 403). A platform key also needs verification:write to onboard with a verification other than `pending` (or references), and billing:write for a payment standing other than `current`.",
  body: schemas.CreateCustomer,
  responses: { ...ok("The customer.", schemas.Customer, 201), ...errors(409) },
});
platformPath("get", "/customers/{id}", "Customers", "customer:read", {
  id: "getCustomer",
  summary: "Get a customer",
  params: z.object({ id: z.uuid().meta({ description: "Customer id." }) }),
  responses: ok("The customer.", schemas.Customer),
});
platformPath("patch", "/customers/{id}", "Customers", "customer:write", {
  id: "updateCustomer",
  summary: "Update a customer",
  description: "Any fields of the onboarding record (not tenancy); the record they make must pass the same rules as onboarding. The root customer cannot be edited. Sending `verificationStatus`/`verificationReferences` also needs verification:write, `paymentStanding` billing:write; such changes are recorded in the standing history.",
  params: z.object({ id: z.uuid().meta({ description: "Customer id." }) }),
  body: schemas.PatchCustomer,
  responses: ok("The customer.", schemas.Customer),
});
platformPath("get", "/tenants", "Tenants", "tenant:read", {
  id: "listTenants",
  summary: "List tenants",
  description: "Newest first, with each provisioning step's state; `q` matches a key prefix or the display name.",
  query: pageQuery,
  responses: ok("A page of tenants.", schemas.TenantPage),
});
platformPath("get", "/tenants/{key}", "Tenants", "tenant:read", {
  id: "getTenant",
  summary: "Get a tenant",
  params: z.object({ key: z.string().meta({ description: "Tenant key.", example: "acme" }) }),
  responses: ok("The tenant, its domains and provisioning steps.", schemas.Tenant),
});
const tenantKeyParam = z.object({ key: z.string().meta({ description: "Tenant key.", example: "acme" }) });
platformPath("post", "/tenants/{key}/lifecycle", "Tenants", "tenant:write", {
  id: "changeTenantLifecycle",
  summary: "Suspend, resume, archive, delete or restore a tenant",
  description:
    "`suspend` (active → suspended), `resume` (suspended → active), `archive` (suspended → archived), `delete` (suspended or archived → deleted: the realm is disabled at once, the database and realm are purged after the retention period), `restore` (archived → active; deleted → the status it was deleted from, until the purge starts). Any other transition, and any change to the root or cloud tenant, is a conflict. The reason is recorded in the audit trail.",
  params: tenantKeyParam,
  body: schemas.LifecycleChange,
  responses: { ...ok("The tenant after the change.", schemas.Tenant), ...errors(409) },
});
platformPath("get", "/tenants/{key}/quotas", "Tenants", "tenant:read", {
  id: "getTenantQuotas",
  summary: "A tenant's quotas and usage",
  params: tenantKeyParam,
  responses: ok("Limits in force, overrides and usage.", schemas.TenantQuotas),
});
platformPath("put", "/tenants/{key}/quotas", "Tenants", "tenant:write", {
  id: "setTenantQuotas",
  summary: "Set a tenant's quota overrides",
  description: "Every resource: a whole number, or null for the platform default. A quota below current usage removes nothing; creations are refused (`quota_exceeded`) until usage drops.",
  params: tenantKeyParam,
  body: schemas.QuotaOverrides,
  responses: ok("Limits in force, overrides and usage.", schemas.TenantQuotas),
});
platformPath("get", "/tenants/{key}/rate-limits", "Tenants", "tenant:read", {
  id: "getTenantRateLimits",
  summary: "A tenant's REST and SCIM rate limits",
  params: tenantKeyParam,
  responses: ok("Limits in force and the tenant's overrides.", schemas.TenantRateLimits),
});
platformPath("put", "/tenants/{key}/rate-limits", "Tenants", "tenant:write", {
  id: "setTenantRateLimits",
  summary: "Set a tenant's rate limits",
  description: "Requests a minute for the whole tenant and for each of its API keys or users: a whole number (0: no limit), or null for the platform's limit. In force within 30 seconds in every app process.",
  params: tenantKeyParam,
  body: schemas.TenantRateOverrides,
  responses: ok("Limits in force and the tenant's overrides.", schemas.TenantRateLimits),
});

// Standing: verification, payment, access
const customerId = z.object({ id: z.uuid().meta({ description: "Customer id." }) });
const platformTenantKey = z.string().meta({ description: "Tenant key.", example: "acme" });
platformPath("get", "/customers/{id}/verification", "Standing", "customer:read", {
  id: "getVerification",
  summary: "Get a customer's verification",
  params: customerId,
  responses: ok("Status, notes, references and history.", schemas.Verification),
});
platformPath("put", "/customers/{id}/verification", "Standing", "verification:write", {
  id: "setVerification",
  summary: "Set a customer's verification (KYC/KYB)",
  description: "For an external KYC/KYB system. `references` replaces the stored artifact references when sent. Every change is recorded in the history with the caller and the note; the same status without a note changes nothing. `rekyc_due` locks the customer's tenants out once the grace period has passed since the change; `completed` lets them in again at once.",
  params: customerId,
  body: schemas.VerificationChange,
  responses: ok("The verification after the change.", schemas.Verification),
});
platformPath("get", "/customers/{id}/payment-standing", "Standing", "customer:read", {
  id: "getPaymentStanding",
  summary: "Get a customer's payment standing",
  params: customerId,
  responses: ok("Standing and history.", schemas.PaymentStanding),
});
platformPath("put", "/customers/{id}/payment-standing", "Standing", "billing:write", {
  id: "setPaymentStanding",
  summary: "Set a customer's payment standing",
  description: "For the billing system. `overdue` locks the customer's tenants out once the grace period has passed since the change (`payment_required`); `current` or `grace` lets them in again at once, with nothing lost.",
  params: customerId,
  body: schemas.PaymentChange,
  responses: ok("The standing after the change.", schemas.PaymentStanding),
});
platformPath("get", "/customers/{id}/access", "Standing", "customer:read", {
  id: "getCustomerAccess",
  summary: "Whether a shared customer's organization is open",
  params: customerId,
  responses: ok("The shared customer's billing switch and the current decision for its organization.", schemas.CustomerAccess),
});
platformPath("put", "/customers/{id}/access", "Standing", "billing:write", {
  id: "setCustomerAccess",
  summary: "Disable or re-enable a shared customer's organization",
  description: "The billing system's switch for a shared customer (a dedicated customer's is its tenant's: `conflict` here). `{ enabled: false, reason }`: the organization's members are locked out of its pages and actions on the cloud host (`tenant_suspended`); other organizations are not affected; `{ enabled: true }`: everything is as it was.",
  params: customerId,
  body: schemas.TenantAccessChange,
  responses: ok("The access after the change.", schemas.CustomerAccess),
});
platformPath("get", "/tenants/{key}/access", "Standing", "tenant:read", {
  id: "getTenantAccess",
  summary: "Whether a tenant's users and keys get in",
  params: z.object({ key: platformTenantKey }),
  responses: ok("The billing switch and the current decision.", schemas.TenantAccess),
});
platformPath("put", "/tenants/{key}/access", "Standing", "billing:write", {
  id: "setTenantAccess",
  summary: "Disable or re-enable a whole tenant",
  description: "The billing system's tenant-wide switch, separate from the lifecycle status. `{ enabled: false, reason }`: nobody signs in and no key works (`tenant_suspended`); `{ enabled: true }`: everything is as it was.",
  params: z.object({ key: platformTenantKey }),
  body: schemas.TenantAccessChange,
  responses: ok("The access after the change.", schemas.TenantAccess),
});
platformPath("put", "/tenants/{key}/users/{username}/access", "Standing", "billing:write", {
  id: "setUserAccess",
  summary: "Disable or re-enable one user of a tenant",
  description: "Through the tenant's user service: refused on the user's next request, sessions ended in the realm.",
  params: z.object({ key: platformTenantKey, username }),
  body: schemas.UserAccessChange,
  responses: ok("The user's access.", schemas.UserAccess),
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
platformPath("get", "/audit-events", "Audit", "audit:read", {
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
        "Customers, tenants and their standing are served on the console host with a superadmin session or a platform API key (scopes: customer:read, customer:write, tenant:read, verification:write, billing:write).",
        "A tenant whose customer is overdue or due for re-verification past the grace period, that billing disabled, or that is not active, refuses its users and keys: `payment_required` (402), `verification_required` (403), `tenant_suspended` (403).",
        `Bodies are JSON, at most ${MAX_BODY_BYTES / 1024} KiB. Errors are \`{ code, message, fields? }\` with a stable code: validation_failed, unauthorized, forbidden, not_found, conflict, quota_exceeded, rate_limited, tenant_suspended, payment_required, verification_required, service_unavailable.`,
      ].join("\n\n"),
    },
    tags: [
      { name: "Users" },
      { name: "Org units" },
      { name: "Memberships" },
      { name: "API keys" },
      { name: "Branding", description: "The workspace's name, tagline, colour, logo and favicon, as on its settings page." },
      { name: "Export" },
      { name: "Customers", description: "Console host: superadmin or platform key." },
      { name: "Tenants", description: "Console host: superadmin or platform key." },
      { name: "Standing", description: "Console host: verification, payment standing and access switches, for KYC and billing systems." },
      { name: "Reference" },
    ],
  });
  return cached;
}
