import { getDomainRoute, removeDomainRoute } from "@/lib/api/v1/domains";

export const GET = getDomainRoute;
export const DELETE = removeDomainRoute;
