import { listTenantsRoute } from "@/lib/api/v1/tenants";

export const GET = listTenantsRoute;
