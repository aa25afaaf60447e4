import { deleteBrandingFileRoute, putBrandingFileRoute } from "@/lib/api/v1/branding";

export const PUT = putBrandingFileRoute;
export const DELETE = deleteBrandingFileRoute;
