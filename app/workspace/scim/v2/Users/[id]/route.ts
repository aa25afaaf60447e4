import { routeMethods } from "@/lib/api/methods";
import { deleteUser, getUser, patchUser, replaceUser } from "@/lib/api/scim-v2";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", getUser, replaceUser, patchUser, deleteUser);
