import { routeMethods } from "@/lib/api/methods";
import { getTenantRoute } from "@/lib/api/v1/tenants";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getTenantRoute);
