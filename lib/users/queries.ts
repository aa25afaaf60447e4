import { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { escapeLike } from "@/shared/like";
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

/**
 * One page of a tenant's users in username order, keyset-paginated (`after` = last username seen),
 * with a prefix search over username, email, first and last name. Written in SQL so each prefix
 * test can use its index (Prisma's case-insensitive filters cannot).
 */
export async function listUsers(tenant: ResolvedTenant, query: UserListQuery): Promise<UserPage> {
  const rows = await tenantDb(tenant).$queryRaw<UserListItem[]>(listUsersStatement(query));
  const items = rows.slice(0, query.limit);
  return { items, next: rows.length > query.limit ? (items.at(-1)?.username ?? null) : null };
}

/** The statement behind listUsers (one more row than a page, to know whether a next page exists). */
export function listUsersStatement(query: UserListQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.after) conditions.push(Prisma.sql`username > ${query.after}`);
  if (query.enabled) conditions.push(Prisma.sql`enabled = ${query.enabled === "true"}`);
  if (query.state) conditions.push(Prisma.sql`provisioning_state = ${query.state}`);
  const take = query.limit + 1;
  const page = (extra: Prisma.Sql[]) => {
    const all = [...conditions, ...extra];
    const where = all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
    return Prisma.sql`SELECT ${COLUMNS} FROM users ${where} ORDER BY username LIMIT ${take}`;
  };
  let statement: Prisma.Sql;
  if (!query.q) {
    statement = page([]);
  } else {
    // Two index-friendly halves, merged: usernames as a byte-order range of the unique index (read
    // in order, stops after one page), names and emails through their lower(...) prefix indexes.
    const prefix = `${escapeLike(query.q)}%`;
    const upper = nextPrefix(query.q);
    const byUsername = page([Prisma.sql`username >= ${query.q}`, ...(upper === null ? [] : [Prisma.sql`username < ${upper}`]), Prisma.sql`username LIKE ${prefix}`]);
    const byName = page([Prisma.sql`(lower(email) LIKE ${prefix} OR lower(first_name) LIKE ${prefix} OR lower(last_name) LIKE ${prefix})`]);
    statement = Prisma.sql`SELECT * FROM ((${byUsername}) UNION (${byName})) AS matches ORDER BY username LIMIT ${take}`;
  }
  return statement;
}

const COLUMNS = Prisma.sql`id, username, email, first_name AS "firstName", last_name AS "lastName", enabled,
  provisioning_state AS "provisioningState", is_break_glass AS "isBreakGlass", created_at AS "createdAt"`;

/**
 * The smallest string greater than every string starting with `prefix` in byte order (UTF-8's is
 * code-point order), or null when there is none (it ends in U+10FFFF only). Counted in code
 * points, not UTF-16 units: adding one to U+FFFF's unit gave a NUL, which PostgreSQL refuses.
 */
function nextPrefix(prefix: string): string | null {
  const points = [...prefix].map((c) => c.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) return String.fromCodePoint(...points, last === 0xd7ff ? 0xe000 : last + 1);
  }
  return null;
}

export function getUser(tenant: ResolvedTenant, username: string) {
  return tenantDb(tenant).user.findUnique({ where: { username } });
}
