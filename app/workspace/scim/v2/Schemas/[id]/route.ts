export { getSchema as GET } from "@/lib/scim/endpoints";
