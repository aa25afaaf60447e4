import { routeMethods } from "@/lib/api/methods";
import { deleteOrgUnitRoute, getOrgUnitRoute, patchOrgUnitRoute } from "@/lib/api/v1/org-units";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getOrgUnitRoute, patchOrgUnitRoute, deleteOrgUnitRoute);
