export { logoutRoute as POST } from "@/lib/edge/auth-routes";
