import { routeMethods } from "@/lib/api/methods";
import { createGroup, listGroups } from "@/lib/scim/endpoints";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", { GET: listGroups, POST: createGroup });
