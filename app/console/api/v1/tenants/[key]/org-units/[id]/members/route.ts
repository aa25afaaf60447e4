import { routeMethods } from "@/lib/api/methods";
import { addMemberRoute, listMembersRoute } from "@/lib/api/v1/memberships";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", listMembersRoute, addMemberRoute);
