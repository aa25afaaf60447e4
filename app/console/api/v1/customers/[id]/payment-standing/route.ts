import { routeMethods } from "@/lib/api/methods";
import { getPaymentStandingRoute, putPaymentStandingRoute } from "@/lib/api/v1/standing";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getPaymentStandingRoute, putPaymentStandingRoute);
