import { serveBrandingAsset } from "@/lib/branding/serve";
import { workspaceFileRoute } from "@/lib/edge/open-routes";

export const GET = workspaceFileRoute(serveBrandingAsset);
