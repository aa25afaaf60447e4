import { getPaymentStandingRoute, putPaymentStandingRoute } from "@/lib/api/v1/standing";

export const GET = getPaymentStandingRoute;
export const PUT = putPaymentStandingRoute;
