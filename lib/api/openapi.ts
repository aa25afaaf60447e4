import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { createUserSchema } from "@/lib/users/schema";
import { createOrgUnitSchema, updateOrgUnitSchema } from "@/lib/org-units/schema";
import { addMembershipSchema, changeRoleSchema } from "@/lib/memberships/schema";
import { MAX_BODY_BYTES } from "@/lib/input/body";
import { errorSchema } from "@/lib/api/schemas/common";
import { auditEventPageSchema } from "@/lib/api/schemas/audit";
import { createdUserSchema, patchUserSchema, userPageSchema, userSchema } from "@/lib/api/schemas/users";
import { memberPageSchema, membershipSchema, orgUnitPageSchema, orgUnitSchema } from "@/lib/api/schemas/org-units";
import { createCustomerBodySchema, customerPageSchema, customerSchema, patchCustomerSchema } from "@/lib/api/schemas/customers";
import {
  lifecycleChangeSchema,
  quotaOverridesSchema,
  tenantPageSchema,
  tenantQuotasSchema,
  tenantRateLimitsSchema,
  tenantRateOverridesSchema,
  tenantSchema,
} from "@/lib/api/schemas/tenants";
import { apiKeyListSchema, apiKeySchema, createdApiKeySchema } from "@/lib/api/schemas/api-keys";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { addDomainSchema, domainListSchema, domainSchema } from "@/lib/api/schemas/domains";
import { brandingSchema } from "@/lib/api/schemas/branding";
import { brandingSettingsSchema } from "@/lib/branding/schema";
import { customerAccessViewSchema, paymentStandingSchema, tenantAccessViewSchema, userAccessViewSchema, verificationSchema } from "@/lib/api/schemas/standing";
import { paymentChangeSchema, tenantAccessSchema, userAccessSchema, verificationChangeSchema } from "@/lib/standing/schema";
import { ERROR_STATUSES, json, type ErrorStatus } from "@/lib/api/operation-responses";
import { permissionText } from "@/lib/edge/tenant-permission";
import { declarationOf, declaredHandlers, isVariant, publicRoute, type DeclaredRoute, type RouteAccess } from "@/lib/edge/declared-routes";
import * as apiKeys from "@/lib/api/v1/api-keys";
import * as audit from "@/lib/api/v1/audit";
import * as branding from "@/lib/api/v1/branding";
import * as customers from "@/lib/api/v1/customers";
import * as domains from "@/lib/api/v1/domains";
import * as exports from "@/lib/api/v1/export";
import * as memberships from "@/lib/api/v1/memberships";
import * as orgUnits from "@/lib/api/v1/org-units";
import * as standing from "@/lib/api/v1/standing";
import * as tenants from "@/lib/api/v1/tenants";
import * as users from "@/lib/api/v1/users";

// The OpenAPI document of /api/v1, assembled from the routes as they are declared: each wrapper
// (tenantRoute, platformRoute) records its spec, whose method, path, schemas and permission are
// the ones it serves and checks. This file adds what is the same for every route of a kind
// (security, the refusals it may give, the permission line) and names the shared schemas.
// `tests/openapi.test.ts` checks the declarations against the route files on disk.

/** The modules whose handlers the route files under app/<host>/api/v1 serve. */
const ROUTE_MODULES = { apiKeys, audit, branding, customers, domains, exports, memberships, orgUnits, standing, tenants, users };

/** `GET /api/v1/openapi.json`: public, like any API reference; it describes no tenant's data. */
export const openApiDocumentRoute = publicRoute(
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Reference",
    summary: "This OpenAPI document",
    description: "Served on every workspace host and on the console, without credentials.",
    responses: { 200: { description: "OpenAPI 3.1 document.", content: { "application/json": { schema: z.object({ openapi: z.string() }).loose() } } } },
  },
  async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);

/** Every route the document lists, in its order: by tag, then as the modules declare them. */
export function declaredRoutes(): DeclaredRoute[] {
  const handlers = [...Object.values(ROUTE_MODULES).flatMap((module) => declaredHandlers(Object.values(module))), openApiDocumentRoute];
  const routes = handlers.map((handler) => declarationOf(handler)!).filter((declaration): declaration is DeclaredRoute => !isVariant(declaration));
  const tagIndex = (route: DeclaredRoute) => TAGS.findIndex((tag) => tag.name === route.tag);
  return routes.sort((a, b) => tagIndex(a) - tagIndex(b));
}

/** Every operation's tag, in the order the reference page shows them. */
export const TAGS: readonly { name: string; description?: string }[] = [
  { name: "Users" },
  { name: "Org units" },
  { name: "Memberships" },
  { name: "API keys" },
  { name: "Custom domains" },
  { name: "Branding", description: "The workspace's name, tagline, colour, logo and favicon, as on its settings page." },
  { name: "Export" },
  { name: "Customers", description: "Console host: superadmin or platform key." },
  { name: "Tenants", description: "Console host: superadmin or platform key." },
  { name: "Standing", description: "Console host: verification, payment standing and access switches, for KYC and billing systems." },
  { name: "Audit" },
  { name: "Reference" },
];

/** The line a route's description ends with, saying who may call it (from its spec's permission or scope). */
export function accessLine(access: RouteAccess): string | undefined {
  if (access.kind === "tenant") return `Permission: ${permissionText(access.permission)}.`;
  if (access.kind === "platform") return `Console host only: a superadmin session, or a platform API key with the scope ${access.scope}.`;
  return undefined;
}

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
    description:
      "A platform API key, created by a superadmin on the console's API keys page, for the console's API only. It acts with the platform scopes it was given: customer:read, customer:write, tenant:read, verification:write, billing:write.",
  }).name,
  session: registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The session of a signed-in user of the host's workspace (on the console: a superadmin). Changes must come from the same origin.",
  }).name,
};

const SECURITY: Record<RouteAccess["kind"], RouteConfig["security"]> = {
  tenant: [{ [security.apiKey]: [] }, { [security.session]: [] }],
  platform: [{ [security.platformKey]: [] }, { [security.session]: [] }],
  public: [],
};

/** The refusals every route of a kind may give, beside those its spec lists. */
function commonRefusals(route: DeclaredRoute): ErrorStatus[] {
  const validated = route.query || route.body ? ([400] as const) : [];
  const bodyLimit = route.body ? ([413] as const) : [];
  switch (route.access.kind) {
    // A raw body is validated too; its own size limit (413) is in the spec's responses.
    case "tenant":
      return [401, 402, 403, 404, 429, 503, ...(route.rawBody ? ([400] as const) : validated), ...bodyLimit];
    case "platform":
      return [401, 403, 429, 503, ...(route.pathParams ? ([404] as const) : []), ...validated, ...bodyLimit];
    case "public":
      return [];
  }
}

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

/** The bodies and responses routes declare, by the name the document gives them. */
const COMPONENTS: [string, z.ZodType][] = [
  ["Error", errorSchema],
  ["User", userSchema],
  ["CreatedUser", createdUserSchema],
  ["UserPage", userPageSchema],
  ["CreateUser", createUserSchema],
  ["PatchUser", patchUserSchema],
  ["OrgUnit", orgUnitSchema],
  ["OrgUnitPage", orgUnitPageSchema],
  ["CreateOrgUnit", createOrgUnitSchema],
  ["PatchOrgUnit", updateOrgUnitSchema],
  ["MemberPage", memberPageSchema],
  ["Membership", membershipSchema],
  ["AddMember", addMembershipSchema],
  ["ChangeRole", changeRoleSchema],
  ["ApiKey", apiKeySchema],
  ["CreatedApiKey", createdApiKeySchema],
  ["ApiKeyList", apiKeyListSchema],
  ["CreateApiKey", createApiKeySchema],
  ["Domain", domainSchema],
  ["DomainList", domainListSchema],
  ["AddDomain", addDomainSchema],
  ["Branding", brandingSchema],
  ["BrandingSettings", brandingSettingsSchema],
  ["Customer", customerSchema],
  ["CustomerPage", customerPageSchema],
  ["CreateCustomer", createCustomerBodySchema],
  ["PatchCustomer", patchCustomerSchema],
  ["Tenant", tenantSchema],
  ["TenantPage", tenantPageSchema],
  ["LifecycleChange", lifecycleChangeSchema],
  ["TenantQuotas", tenantQuotasSchema],
  ["TenantRateLimits", tenantRateLimitsSchema],
  ["TenantRateOverrides", tenantRateOverridesSchema],
  ["QuotaOverrides", quotaOverridesSchema],
  ["Verification", verificationSchema],
  ["VerificationChange", verificationChangeSchema],
  ["PaymentStanding", paymentStandingSchema],
  ["PaymentChange", paymentChangeSchema],
  ["TenantAccess", tenantAccessViewSchema],
  ["CustomerAccess", customerAccessViewSchema],
  ["TenantAccessChange", tenantAccessSchema],
  ["UserAccess", userAccessViewSchema],
  ["UserAccessChange", userAccessSchema],
  ["AuditEventPage", auditEventPageSchema],
];

const namedCopies = new Map<z.ZodType, z.ZodType>(COMPONENTS.map(([name, schema]) => [schema, named(name, schema)]));
const asNamed = (schema: z.ZodType) => namedCopies.get(schema) ?? schema;

function withNamedSchemas(responses: Record<number, ResponseConfig>): Record<number, ResponseConfig> {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      if (!response.content) return [status, response];
      const content = Object.fromEntries(
        Object.entries(response.content).map(([type, media]) => [type, media && "schema" in media ? { ...media, schema: asNamed(media.schema as z.ZodType) } : media]),
      );
      return [status, { ...response, content: content as ResponseConfig["content"] }];
    }),
  );
}

function requestBody(route: DeclaredRoute): Pick<NonNullable<RouteConfig["request"]>, "body"> {
  if (route.body) return { body: { required: true, content: json(asNamed(route.body)) } };
  if (route.rawBody) {
    const binary = { schema: z.string().meta({ format: "binary" }) };
    return { body: { required: true, description: route.rawBody.description, content: Object.fromEntries(route.rawBody.types.map((type) => [type, binary])) } };
  }
  return {};
}

const refusalResponses = (statuses: ErrorStatus[]): Record<number, ResponseConfig> =>
  Object.fromEntries(statuses.map((status) => [status, { description: ERROR_STATUSES[status], content: json(asNamed(errorSchema)) }]));

function operation(route: DeclaredRoute): RouteConfig {
  return {
    method: route.method,
    path: route.path,
    tags: [route.tag],
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, accessLine(route.access)].filter(Boolean).join("\n\n"),
    security: SECURITY[route.access.kind],
    request: { params: route.pathParams, query: route.query as z.ZodObject | undefined, ...requestBody(route) },
    responses: { ...refusalResponses(commonRefusals(route)), ...withNamedSchemas(route.responses) },
  };
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of `/api/v1`, generated once from the declared routes. */
export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  for (const route of declaredRoutes()) registry.registerPath(operation(route));
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Gatehouse API",
      version: "1.0.0",
      description: [
        "Per-tenant routes (`/api/v1/tenants/{key}/…`) are served on the tenant's own host with an API key of that tenant (`Authorization: Bearer ghk_…`) or its session; a superadmin may call them on the console host for any tenant.",
        "Customers, tenants and their standing are served on the console host with a superadmin session or a platform API key (scopes: customer:read, customer:write, tenant:read, verification:write, billing:write).",
        "A tenant whose customer is overdue or due for re-verification past the grace period, that billing disabled, or that is not active, refuses its users and keys: `payment_required` (402), `verification_required` (403), `tenant_suspended` (403).",
        `Bodies are JSON, at most ${MAX_BODY_BYTES / 1024} KiB. Errors are \`{ code, message, fields? }\` with a stable code: validation_failed, unauthorized, forbidden, not_found, conflict, possible_duplicate, quota_exceeded, rate_limited, tenant_suspended, payment_required, verification_required, service_unavailable.`,
      ].join("\n\n"),
    },
    tags: [...TAGS],
  });
  return cached;
}
