import { routeMethods } from "@/lib/api/methods";
import { deleteUserRoute, getUserRoute, patchUserRoute } from "@/lib/api/v1/users";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getUserRoute, patchUserRoute, deleteUserRoute);
