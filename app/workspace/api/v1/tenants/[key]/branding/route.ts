import { getBrandingRoute, putBrandingRoute } from "@/lib/api/v1/branding";

export const GET = getBrandingRoute;
export const PUT = putBrandingRoute;
