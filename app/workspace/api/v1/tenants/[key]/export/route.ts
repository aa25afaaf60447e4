import { routeMethods } from "@/lib/api/methods";
import { exportTenantRoute } from "@/lib/api/v1/export";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", exportTenantRoute);
