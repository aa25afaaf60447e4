import { addDomainRoute, listDomainsRoute } from "@/lib/api/v1/domains";

export const GET = listDomainsRoute;
export const POST = addDomainRoute;
