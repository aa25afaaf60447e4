import { getTenantRoute } from "@/lib/api/v1/tenants";

export const GET = getTenantRoute;
