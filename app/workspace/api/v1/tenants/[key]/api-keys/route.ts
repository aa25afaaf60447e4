import { createApiKeyRoute, listApiKeysRoute } from "@/lib/api/v1/api-keys";

export const GET = listApiKeysRoute;
export const POST = createApiKeyRoute;
