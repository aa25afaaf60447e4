export { getResourceType as GET } from "@/lib/scim/endpoints";
