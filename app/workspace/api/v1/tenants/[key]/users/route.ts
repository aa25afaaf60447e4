import { routeMethods } from "@/lib/api/methods";
import { createUserRoute, listUsersRoute } from "@/lib/api/v1/users";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", listUsersRoute, createUserRoute);
