import { routeMethods } from "@/lib/api/methods";
import { deleteGroup, getGroup, patchGroup, replaceGroup } from "@/lib/api/scim-v2";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", getGroup, replaceGroup, patchGroup, deleteGroup);
