import { z } from "zod";
import { auditCsvResponse } from "@/lib/audit/csv";
import { refreshLoginEvents } from "@/lib/audit/login-import";
import { auditEventBatches, listAuditEvents, type AuditSource } from "@/lib/audit/query";
import type { AuditFilter } from "@/lib/audit/filter";
import { tenantRoute } from "@/lib/edge/tenant-route";
import { platformRoute } from "@/lib/edge/platform-route";
import { json } from "@/lib/api/operation-responses";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
import { resolveRequest } from "@/lib/tenancy/resolve";
import { respond } from "@/lib/edge/responses";
import { auditEventPageSchema, auditQuery } from "@/lib/api/schemas/audit";

const DESCRIPTION =
  "Newest first, keyset-paginated: pass the response's `next` as `after`. Filters are exact matches; `from`/`to` bound `occurredAt` (inclusive). `format=csv` streams every matching event as CSV instead.";
const RESPONSES = {
  200: { description: "A page of events (JSON), or every matching event (`text/csv`).", content: { ...json(auditEventPageSchema), "text/csv": { schema: z.string() } } },
};

async function answer(source: AuditSource, query: AuditFilter & { format: "json" | "csv" }, filename: string): Promise<Response> {
  if (query.format === "csv") return auditCsvResponse(auditEventBatches(source, query), filename);
  return respond(auditEventPageSchema, await listAuditEvents(source, query));
}

/** `GET /api/v1/tenants/{key}/audit-events`: the tenant's trail, as JSON pages or one CSV. */
export const listTenantAuditEventsRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/audit-events",
  operationId: "listTenantAuditEvents",
  tag: "Audit",
  summary: "List the tenant's audit events",
  description: `${DESCRIPTION} Login successes and failures are imported from the identity server first.`,
  pathParams: tenantPathParams.tenant,
  responses: RESPONSES,
  permission: "audit:read",
  query: auditQuery,
  handle: async ({ tenant, query }) => {
    await refreshLoginEvents(tenant);
    return answer({ kind: "tenant", tenant }, query, `audit-${tenant.key}.csv`);
  },
});

/** `GET /api/v1/audit-events` (console): the platform's trail, after the console realm's login events. */
export const listPlatformAuditEventsRoute = platformRoute({
  method: "get",
  path: "/api/v1/audit-events",
  operationId: "listPlatformAuditEvents",
  tag: "Audit",
  summary: "List the platform's audit events",
  description: `${DESCRIPTION} Customers, tenants, provisioning steps and console sign-ins.`,
  responses: RESPONSES,
  scope: "audit:read",
  query: auditQuery,
  handle: async ({ request, query }) => {
    const resolution = await resolveRequest(request.headers);
    if (resolution.found) await refreshLoginEvents(resolution.tenant);
    return answer({ kind: "platform" }, query, "audit-platform.csv");
  },
});
