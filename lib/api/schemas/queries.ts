import { listQuerySchema } from "@/lib/pagination/page";
import { userListQuerySchema } from "@/lib/users/schema";
import { strictQuery } from "@/lib/api/strict-query";

/** `q`, `enabled`, `state`, `after` (last username of the previous page), `limit` (1–200). */
export const userListQuery = strictQuery(userListQuerySchema);

/** `q`, `page` (1-based), `pageSize` (10, 25, 50 or 100). */
export const pageQuery = strictQuery(listQuerySchema);
