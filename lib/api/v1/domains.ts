import { AppError } from "@/lib/errors/app-error";
import { addDomain, getDomain, listDomains, removeDomain, verifyDomain } from "@/lib/domains/service";
import { tenantRoute, type PathParams } from "@/lib/api/route";
import { noContent, respond } from "@/lib/api/responses";
import { addDomainSchema, domainListSchema, domainSchema } from "@/lib/api/schemas/domains";

/** `{hostname}` as Next hands it over, decoded once already: decoding it again would read `%25zz` as a malformed escape (URIError) and `%252E` as a dot. */
function hostnameOf(params: PathParams): string {
  if (!params.hostname) throw new AppError("not_found", "Domain not found.");
  return params.hostname;
}

export const listDomainsRoute = tenantRoute({
  permission: "settings:update",
  handle: async ({ tenant }) => respond(domainListSchema, { items: await listDomains(tenant) }),
});

/** Claims a domain (pending until its TXT record is seen); the response carries the DNS records to create. */
export const addDomainRoute = tenantRoute({
  permission: "settings:update",
  body: addDomainSchema,
  handle: async ({ tenant, body, actor }) => respond(domainSchema, await addDomain(tenant, body.hostname, actor), 201),
});

export const getDomainRoute = tenantRoute({
  permission: "settings:update",
  handle: async ({ tenant, params }) => respond(domainSchema, await getDomain(tenant, hostnameOf(params))),
});

/** Checks DNS now; the domain comes back verified, or pending with `lastError`. */
export const verifyDomainRoute = tenantRoute({
  permission: "settings:update",
  handle: async ({ tenant, params, actor }) => respond(domainSchema, await verifyDomain(tenant, hostnameOf(params), actor)),
});

/** Stops routing the domain at once. */
export const removeDomainRoute = tenantRoute({
  permission: "settings:update",
  handle: async ({ tenant, params, actor }) => {
    await removeDomain(tenant, hostnameOf(params), actor);
    return noContent();
  },
});
