export { listGroups as GET, createGroup as POST } from "@/lib/scim/endpoints";
