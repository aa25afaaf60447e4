import { routeMethods } from "@/lib/api/methods";
import { getBrandingRoute, putBrandingRoute } from "@/lib/api/v1/branding";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", getBrandingRoute, putBrandingRoute);
