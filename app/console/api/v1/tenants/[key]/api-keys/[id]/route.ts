import { routeMethods } from "@/lib/api/methods";
import { revokeApiKeyRoute } from "@/lib/api/v1/api-keys";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", revokeApiKeyRoute);
