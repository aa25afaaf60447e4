import { routeMethods } from "@/lib/api/methods";
import { getSchema } from "@/lib/api/scim-v2";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", getSchema);
