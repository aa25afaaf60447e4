import { getCustomerAccessRoute, putCustomerAccessRoute } from "@/lib/api/v1/standing";

export const GET = getCustomerAccessRoute;
export const PUT = putCustomerAccessRoute;
