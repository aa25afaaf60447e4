import { routeMethods } from "@/lib/api/methods";
import { verifyDomainRoute } from "@/lib/api/v1/domains";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods("rest", verifyDomainRoute);
