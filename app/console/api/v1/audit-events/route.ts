import { listPlatformAuditEventsRoute } from "@/lib/api/v1/audit";

export const GET = listPlatformAuditEventsRoute;
