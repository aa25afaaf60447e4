import { putUserAccessRoute } from "@/lib/api/v1/standing";

export const PUT = putUserAccessRoute;
