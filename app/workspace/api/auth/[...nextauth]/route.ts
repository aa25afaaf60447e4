export { nextAuthRoute as GET, nextAuthRoute as POST } from "@/lib/edge/auth-routes";
