import { createUserRoute, listUsersRoute } from "@/lib/api/v1/users";

export const GET = listUsersRoute;
export const POST = createUserRoute;
