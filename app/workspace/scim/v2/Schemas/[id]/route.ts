import { routeMethods } from "@/lib/api/methods";
import { getSchema } from "@/lib/scim/endpoints";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", { GET: getSchema });
