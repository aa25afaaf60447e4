import { exportAnyTenantRoute } from "@/lib/api/v1/export";

export const GET = exportAnyTenantRoute;
