import { listTenantAuditEventsRoute } from "@/lib/api/v1/audit";

export const GET = listTenantAuditEventsRoute;
