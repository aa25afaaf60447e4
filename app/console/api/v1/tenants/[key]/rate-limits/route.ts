import { routeMethods } from "@/lib/api/methods";
import { getRateLimitsRoute, setRateLimitsRoute } from "@/lib/api/v1/tenants";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getRateLimitsRoute, setRateLimitsRoute);
