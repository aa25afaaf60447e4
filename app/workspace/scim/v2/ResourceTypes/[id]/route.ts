import { routeMethods } from "@/lib/api/methods";
import { getResourceType } from "@/lib/scim/endpoints";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", { GET: getResourceType });
