import { routeMethods } from "@/lib/api/methods";
import { listTenantAuditEventsRoute } from "@/lib/api/v1/audit";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", listTenantAuditEventsRoute);
