import { createOrgUnitRoute, listOrgUnitsRoute } from "@/lib/api/v1/org-units";

export const GET = listOrgUnitsRoute;
export const POST = createOrgUnitRoute;
