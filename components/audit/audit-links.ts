// Where the audit viewer links an event's actor and resource: the pages of the console or the
// workspace that show them (a tenant's trail read in the console links to the console's pages
// administering that tenant).

/** Which trail a viewer shows, and the path its tenant's administration pages start with. */
export type AuditScope = { trail: "tenant"; tenantKey: string; adminBase: string } | { trail: "platform" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page of a resource an event names, or null when it has none. */
export function resourceHref(scope: AuditScope, type: string, id: string): string | null {
  if (scope.trail === "platform") {
    if (type === "tenant" && UUID.test(id)) return `/tenants/${id}`;
    if (type === "customer" && UUID.test(id)) return `/customers/${id}`;
    return null;
  }
  if (type === "user") return `${scope.adminBase}/users/${encodeURIComponent(id)}`;
  if (type === "org_unit" && UUID.test(id)) return `${scope.adminBase}/org-units/${id}`;
  if (type === "api_key") return `${scope.adminBase}/api-keys`;
  return null;
}
