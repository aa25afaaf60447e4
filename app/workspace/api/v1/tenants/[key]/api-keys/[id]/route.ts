import { revokeApiKeyRoute } from "@/lib/api/v1/api-keys";

export const DELETE = revokeApiKeyRoute;
