import { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { escapeLike } from "@/shared/like";
import { TENANT_ROLES } from "@/lib/identity/roles";
import { offsetOf, toPage, type ListQuery, type ListSpec, type Page } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { UserListItem } from "@/lib/users/queries";

/**
 * The users page's list (the REST API keeps its keyset-paginated `listUsers`): sorted by username,
 * creation or last sign-in; filtered by role, status and sync state (the two that need attention:
 * `pending` and `failed`); counted, numbered pages.
 */
export const userListSpec = {
  sorts: { username: "asc", created: "desc", lastSignIn: "desc" },
  defaultSort: "username",
  filters: { role: TENANT_ROLES, status: ["enabled", "disabled"], sync: ["pending", "failed"] },
} as const satisfies ListSpec;

export type UserTableQuery = ListQuery<keyof typeof userListSpec.sorts, keyof typeof userListSpec.filters>;

/** A row of the users page: the REST list's fields and what the page adds. */
export interface UserRow extends UserListItem {
  syncError: string | null;
  tenantRole: string | null;
  /** When the user last signed in to the app (their newest session), or null if never. */
  lastSignInAt: Date | null;
}

export async function listUserRows(tenant: ResolvedTenant, query: UserTableQuery): Promise<Page<UserRow>> {
  const db = tenantDb(tenant);
  const [items, counted] = await db.$transaction([db.$queryRaw<UserRow[]>(userRowsStatement(query)), db.$queryRaw<{ total: bigint }[]>(userCountStatement(query))]);
  return toPage(items, Number(counted[0]?.total ?? 0), query);
}

/**
 * The conditions of a query. The search is a case-insensitive substring of the username, email,
 * first or last name (the trigram indexes of migration 1700000000150 serve it); usernames are
 * stored in lower case, the other three are compared through lower().
 */
export function userListConditions(query: UserTableQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.q) {
    const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
    conditions.push(Prisma.sql`(u.username LIKE ${pattern} OR lower(u.email) LIKE ${pattern} OR lower(u.first_name) LIKE ${pattern} OR lower(u.last_name) LIKE ${pattern})`);
  }
  if (query.filters.role) conditions.push(Prisma.sql`u.tenant_role = ${query.filters.role}`);
  if (query.filters.status) conditions.push(Prisma.sql`u.enabled = ${query.filters.status === "enabled"}`);
  if (query.filters.sync) conditions.push(Prisma.sql`u.provisioning_state = ${query.filters.sync}`);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

// Directions come from the spec's two values only, never from the URL text itself.
const DIRECTION = { asc: Prisma.sql`ASC`, desc: Prisma.sql`DESC` } as const;
const SORT_COLUMN = { username: Prisma.sql`u.username`, created: Prisma.sql`u.created_at`, lastSignIn: Prisma.sql`last_sign_in_at` } as const;

export function userRowsStatement(query: UserTableQuery): Prisma.Sql {
  const dir = DIRECTION[query.dir];
  // Never-signed-in users last whichever way; the username breaks ties.
  const order = Prisma.sql`${SORT_COLUMN[query.sort]} ${dir}${query.sort === "lastSignIn" ? Prisma.sql` NULLS LAST` : Prisma.empty}, u.username ${dir}`;
  return Prisma.sql`SELECT u.id, u.username, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.enabled,
      u.provisioning_state AS "provisioningState", u.sync_error AS "syncError", u.is_break_glass AS "isBreakGlass",
      u.tenant_role AS "tenantRole", u.created_at AS "createdAt", s.last_sign_in_at AS "lastSignInAt"
    FROM users u
    LEFT JOIN LATERAL (SELECT max(created_at) AS last_sign_in_at FROM app_sessions WHERE app_sessions.username = u.username) s ON true
    ${userListConditions(query)}
    ORDER BY ${order}
    LIMIT ${query.pageSize} OFFSET ${offsetOf(query)}`;
}

export function userCountStatement(query: UserTableQuery): Prisma.Sql {
  return Prisma.sql`SELECT count(*) AS total FROM users u ${userListConditions(query)}`;
}
