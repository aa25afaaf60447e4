import { routeMethods } from "@/lib/api/methods";
import { changeMemberRoleRoute, removeMemberRoute } from "@/lib/api/v1/memberships";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", changeMemberRoleRoute, removeMemberRoute);
