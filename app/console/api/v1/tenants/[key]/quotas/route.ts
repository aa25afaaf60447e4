import { getQuotasRoute, setQuotasRoute } from "@/lib/api/v1/tenants";

export const GET = getQuotasRoute;
export const PUT = setQuotasRoute;
