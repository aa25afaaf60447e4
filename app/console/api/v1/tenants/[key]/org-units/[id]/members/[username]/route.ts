import { changeMemberRoleRoute, removeMemberRoute } from "@/lib/api/v1/memberships";

export const PATCH = changeMemberRoleRoute;
export const DELETE = removeMemberRoute;
