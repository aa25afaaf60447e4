export { listUsers as GET, createUser as POST } from "@/lib/scim/endpoints";
