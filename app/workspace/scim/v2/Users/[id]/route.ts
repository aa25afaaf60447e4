import { routeMethods } from "@/lib/api/methods";
import { deleteUser, getUser, patchUser, replaceUser } from "@/lib/scim/endpoints";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", { GET: getUser, PUT: replaceUser, PATCH: patchUser, DELETE: deleteUser });
