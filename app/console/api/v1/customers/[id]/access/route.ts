import { routeMethods } from "@/lib/api/methods";
import { getCustomerAccessRoute, putCustomerAccessRoute } from "@/lib/api/v1/standing";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getCustomerAccessRoute, putCustomerAccessRoute);
