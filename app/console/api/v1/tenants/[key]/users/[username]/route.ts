import { deleteUserRoute, getUserRoute, patchUserRoute } from "@/lib/api/v1/users";

export const GET = getUserRoute;
export const PATCH = patchUserRoute;
export const DELETE = deleteUserRoute;
