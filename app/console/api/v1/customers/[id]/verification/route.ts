import { routeMethods } from "@/lib/api/methods";
import { getVerificationRoute, putVerificationRoute } from "@/lib/api/v1/standing";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getVerificationRoute, putVerificationRoute);
