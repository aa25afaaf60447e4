import { getVerificationRoute, putVerificationRoute } from "@/lib/api/v1/standing";

export const GET = getVerificationRoute;
export const PUT = putVerificationRoute;
