import { exportTenantRoute } from "@/lib/api/v1/export";

export const GET = exportTenantRoute;
