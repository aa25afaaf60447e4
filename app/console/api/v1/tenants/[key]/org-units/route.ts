import { routeMethods } from "@/lib/api/methods";
import { createOrgUnitRoute, listOrgUnitsRoute } from "@/lib/api/v1/org-units";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", listOrgUnitsRoute, createOrgUnitRoute);
