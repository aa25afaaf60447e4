export { POST } from "@/lib/auth/logout";
