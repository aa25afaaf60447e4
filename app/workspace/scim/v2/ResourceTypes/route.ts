export { listResourceTypes as GET } from "@/lib/scim/endpoints";
