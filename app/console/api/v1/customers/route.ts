import { routeMethods } from "@/lib/api/methods";
import { createCustomerRoute, listCustomersRoute } from "@/lib/api/v1/customers";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", listCustomersRoute, createCustomerRoute);
