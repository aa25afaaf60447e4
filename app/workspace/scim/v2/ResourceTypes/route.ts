import { routeMethods } from "@/lib/api/methods";
import { listResourceTypes } from "@/lib/api/scim-v2";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", listResourceTypes);
