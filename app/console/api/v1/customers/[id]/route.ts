import { getCustomerRoute, patchCustomerRoute } from "@/lib/api/v1/customers";

export const GET = getCustomerRoute;
export const PATCH = patchCustomerRoute;
