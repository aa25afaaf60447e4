import { deleteOrgUnitRoute, getOrgUnitRoute, patchOrgUnitRoute } from "@/lib/api/v1/org-units";

export const GET = getOrgUnitRoute;
export const PATCH = patchOrgUnitRoute;
export const DELETE = deleteOrgUnitRoute;
