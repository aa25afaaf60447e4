import { createCustomerRoute, listCustomersRoute } from "@/lib/api/v1/customers";

export const GET = listCustomersRoute;
export const POST = createCustomerRoute;
