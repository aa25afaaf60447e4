import { routeMethods } from "@/lib/api/methods";
import { listPlatformAuditEventsRoute } from "@/lib/api/v1/audit";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", listPlatformAuditEventsRoute);
