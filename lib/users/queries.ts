import { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { UserListQuery } from "@/lib/users/schema";

export interface UserListItem {
  id: string;
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  enabled: boolean;
  provisioningState: string;
  isBreakGlass: boolean;
  createdAt: Date;
}

export interface UserPage {
  items: UserListItem[];
  /** Cursor of the next page, or null on the last page. */
  next: string | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of a tenant's users in username order, keyset-paginated (`after` = last username seen),
 * with a prefix search over username, email, first and last name. Written in SQL so each prefix
 * test can use its `lower(...) text_pattern_ops` index (Prisma's case-insensitive filters cannot).
 */
export async function listUsers(tenant: ResolvedTenant, query: UserListQuery): Promise<UserPage> {
  const conditions: Prisma.Sql[] = [];
  if (query.after) conditions.push(Prisma.sql`username > ${query.after}`);
  if (query.enabled) conditions.push(Prisma.sql`enabled = ${query.enabled === "true"}`);
  if (query.state) conditions.push(Prisma.sql`provisioning_state = ${query.state}`);
  if (query.q) {
    const prefix = `${escapeLike(query.q)}%`;
    conditions.push(Prisma.sql`(username LIKE ${prefix} OR lower(email) LIKE ${prefix} OR lower(first_name) LIKE ${prefix} OR lower(last_name) LIKE ${prefix})`);
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await tenantDb(tenant).$queryRaw<UserListItem[]>`
    SELECT id, username, email, first_name AS "firstName", last_name AS "lastName", enabled,
           provisioning_state AS "provisioningState", is_break_glass AS "isBreakGlass", created_at AS "createdAt"
    FROM users ${where} ORDER BY username LIMIT ${query.limit + 1}`;
  const items = rows.slice(0, query.limit);
  return { items, next: rows.length > query.limit ? (items.at(-1)?.username ?? null) : null };
}

export function getUser(tenant: ResolvedTenant, username: string) {
  return tenantDb(tenant).user.findUnique({ where: { username } });
}
