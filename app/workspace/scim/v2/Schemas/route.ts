export { listSchemas as GET } from "@/lib/scim/endpoints";
