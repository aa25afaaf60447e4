import { auditCsvResponse } from "@/lib/audit/csv";
import { refreshLoginEvents } from "@/lib/audit/login-import";
import { auditEventBatches, listAuditEvents, type AuditSource } from "@/lib/audit/query";
import type { AuditFilter } from "@/lib/audit/filter";
import { platformRoute, tenantRoute } from "@/lib/api/route";
import { resolveRequest } from "@/lib/tenancy/resolve";
import { respond } from "@/lib/api/responses";
import { auditEventPageSchema, auditQuery } from "@/lib/api/schemas/audit";

async function answer(source: AuditSource, query: AuditFilter & { format: "json" | "csv" }, filename: string): Promise<Response> {
  if (query.format === "csv") return auditCsvResponse(auditEventBatches(source, query), filename);
  return respond(auditEventPageSchema, await listAuditEvents(source, query));
}

/** `GET /api/v1/tenants/{key}/audit-events`: the tenant's trail, as JSON pages or one CSV. */
export const listTenantAuditEventsRoute = tenantRoute({
  permission: "audit:read",
  query: auditQuery,
  handle: async ({ tenant, query }) => {
    await refreshLoginEvents(tenant);
    return answer({ kind: "tenant", tenant }, query, `audit-${tenant.key}.csv`);
  },
});

/** `GET /api/v1/audit-events` (console): the platform's trail, after the console realm's login events. */
export const listPlatformAuditEventsRoute = platformRoute({
  scope: "audit:read",
  query: auditQuery,
  handle: async ({ request, query }) => {
    const resolution = await resolveRequest(request.headers);
    if (resolution.found) await refreshLoginEvents(resolution.tenant);
    return answer({ kind: "platform" }, query, "audit-platform.csv");
  },
});
