import { z } from "zod";

// The path parameters of the REST API as the OpenAPI document describes them (the handlers read
// them as text: lib/api/params.ts).

const tenantKey = z.string().meta({ description: "Tenant key. On a workspace host: that workspace's own key. On the console: any tenant's (superadmin).", example: "acme" });
const platformTenantKey = z.string().meta({ description: "Tenant key.", example: "acme" });
const username = z.string().meta({ description: "Username (case-insensitive).", example: "asha.rao" });
const orgUnitId = z.uuid().meta({ description: "Org unit id." });
const customerId = z.uuid().meta({ description: "Customer id." });

/** Per-tenant routes (`/api/v1/tenants/{key}/…`, on the tenant's host or the console). */
export const tenantPathParams = {
  tenant: z.object({ key: tenantKey }),
  user: z.object({ key: tenantKey, username }),
  orgUnit: z.object({ key: tenantKey, id: orgUnitId }),
  member: z.object({ key: tenantKey, id: orgUnitId, username }),
  apiKey: z.object({ key: tenantKey, id: z.uuid().meta({ description: "API key id." }) }),
  domain: z.object({ key: tenantKey, hostname: z.string().meta({ description: "The custom domain.", example: "login.acme-corp.com" }) }),
  brandingFile: z.object({ key: tenantKey, kind: z.enum(["logo", "favicon"]).meta({ description: "Which file." }) }),
};

/** Platform routes (console host). */
export const platformPathParams = {
  customer: z.object({ id: customerId }),
  tenant: z.object({ key: platformTenantKey }),
  tenantUser: z.object({ key: platformTenantKey, username }),
};
