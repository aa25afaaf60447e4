import { addMemberRoute, listMembersRoute } from "@/lib/api/v1/memberships";

export const GET = listMembersRoute;
export const POST = addMemberRoute;
