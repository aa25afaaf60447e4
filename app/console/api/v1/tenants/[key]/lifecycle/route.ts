import { changeLifecycleRoute } from "@/lib/api/v1/tenants";

export const POST = changeLifecycleRoute;
