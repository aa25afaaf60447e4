import { serveBrandingAsset } from "@/lib/branding/serve";

export const GET = serveBrandingAsset;
