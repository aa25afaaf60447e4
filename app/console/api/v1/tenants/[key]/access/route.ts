import { getTenantAccessRoute, putTenantAccessRoute } from "@/lib/api/v1/standing";

export const GET = getTenantAccessRoute;
export const PUT = putTenantAccessRoute;
