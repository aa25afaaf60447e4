export { getServiceProviderConfig as GET } from "@/lib/scim/endpoints";
