import { AppError } from "@/lib/errors/app-error";
import { addDomain, getDomain, listDomains, removeDomain, verifyDomain } from "@/lib/domains/service";
import { tenantRoute } from "@/lib/edge/tenant-route";
import type { PathParams } from "@/lib/edge/route-handler";
import { noContent, respond } from "@/lib/edge/responses";
import { NO_CONTENT, refusals, returns } from "@/lib/api/operation-responses";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
import { addDomainSchema, domainListSchema, domainSchema } from "@/lib/api/schemas/domains";

/** `{hostname}` as Next hands it over, decoded once already: decoding it again would read `%25zz` as a malformed escape (URIError) and `%252E` as a dot. */
function hostnameOf(params: PathParams): string {
  if (!params.hostname) throw new AppError("not_found", "Domain not found.");
  return params.hostname;
}

export const listDomainsRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/domains",
  operationId: "listDomains",
  tag: "Custom domains",
  summary: "List custom domains",
  description: "Oldest first, each with its status, the last DNS check and its error, the next automatic check, and the DNS records to create.",
  pathParams: tenantPathParams.tenant,
  responses: returns("The tenant's custom domains.", domainListSchema),
  permission: "settings:update",
  handle: async ({ tenant }) => respond(domainListSchema, { items: await listDomains(tenant) }),
});

/** Claims a domain (pending until its TXT record is seen); the response carries the DNS records to create. */
export const addDomainRoute = tenantRoute({
  method: "post",
  path: "/api/v1/tenants/{key}/domains",
  operationId: "addDomain",
  tag: "Custom domains",
  summary: "Add a custom domain",
  description:
    "A DNS name of your own (no IP, no port; not the platform's domain or a name under it). It stays `pending` until the TXT record `_gatehouse.<domain>` holds the token. A domain another tenant claimed is a conflict.",
  pathParams: tenantPathParams.tenant,
  responses: { ...returns("The pending domain and the DNS records to create.", domainSchema, 201), ...refusals(409) },
  permission: "settings:update",
  body: addDomainSchema,
  handle: async ({ tenant, body, actor }) => respond(domainSchema, await addDomain(tenant, body.hostname, actor), 201),
});

export const getDomainRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/domains/{hostname}",
  operationId: "getDomain",
  tag: "Custom domains",
  summary: "Get a custom domain",
  pathParams: tenantPathParams.domain,
  responses: returns("The domain.", domainSchema),
  permission: "settings:update",
  handle: async ({ tenant, params }) => respond(domainSchema, await getDomain(tenant, hostnameOf(params))),
});

/** Checks DNS now; the domain comes back verified, or pending with `lastError`. */
export const verifyDomainRoute = tenantRoute({
  method: "post",
  path: "/api/v1/tenants/{key}/domains/{hostname}/verify",
  operationId: "verifyDomain",
  tag: "Custom domains",
  summary: "Check a custom domain's DNS now",
  description:
    "Verified when the TXT record holds the token: from then on the domain routes to the tenant and its sign-in redirects are accepted. Otherwise it stays pending with `lastError`.",
  pathParams: tenantPathParams.domain,
  responses: returns("The domain after the check.", domainSchema),
  permission: "settings:update",
  handle: async ({ tenant, params, actor }) => respond(domainSchema, await verifyDomain(tenant, hostnameOf(params), actor)),
});

/** Stops routing the domain at once. */
export const removeDomainRoute = tenantRoute({
  method: "delete",
  path: "/api/v1/tenants/{key}/domains/{hostname}",
  operationId: "removeDomain",
  tag: "Custom domains",
  summary: "Remove a custom domain",
  description: "The domain stops routing to the tenant at once.",
  pathParams: tenantPathParams.domain,
  responses: NO_CONTENT,
  permission: "settings:update",
  handle: async ({ tenant, params, actor }) => {
    await removeDomain(tenant, hostnameOf(params), actor);
    return noContent();
  },
});
