import { verifyDomainRoute } from "@/lib/api/v1/domains";

export const POST = verifyDomainRoute;
