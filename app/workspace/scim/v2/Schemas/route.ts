import { routeMethods } from "@/lib/api/methods";
import { listSchemas } from "@/lib/api/scim-v2";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("scim", listSchemas);
