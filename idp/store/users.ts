import { isUuid, type Queryable } from "@/idp/db";
import { escapeLike } from "@/shared/like";

export interface User {
  id: string;
  realm: string;
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  enabled: boolean;
  emailVerified: boolean;
  attributes: Record<string, string[]>;
  requiredActions: string[];
  createdTimestamp: number;
}

export type UserFields = Partial<Omit<User, "id" | "realm" | "createdTimestamp">>;

interface UserRow {
  id: string;
  realm: string;
  username: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  enabled: boolean;
  email_verified: boolean;
  attributes: Record<string, string[]>;
  required_actions: string[];
  created_timestamp: string;
}

const COLUMNS: Record<keyof UserFields, keyof UserRow> = {
  username: "username",
  email: "email",
  firstName: "first_name",
  lastName: "last_name",
  enabled: "enabled",
  emailVerified: "email_verified",
  attributes: "attributes",
  requiredActions: "required_actions",
};

function fromRow(row: UserRow): User {
  return {
    id: row.id,
    realm: row.realm,
    username: row.username,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    enabled: row.enabled,
    emailVerified: row.email_verified,
    attributes: row.attributes,
    requiredActions: row.required_actions,
    createdTimestamp: Number(row.created_timestamp),
  };
}

function presentFields(fields: UserFields): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof UserFields, keyof UserRow][]) {
    const value = fields[key];
    if (value === undefined) continue;
    columns.push(column);
    values.push(key === "attributes" ? JSON.stringify(value) : value);
  }
  return { columns, values };
}

export async function findUser(db: Queryable, realm: string, id: string): Promise<User | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<UserRow>("SELECT * FROM users WHERE realm = $1 AND id = $2", [realm, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function findUserByUsername(db: Queryable, realm: string, username: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>("SELECT * FROM users WHERE realm = $1 AND username = $2", [realm, username.toLowerCase()]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The user a login name designates: the username, or else the email (Keycloak's default); never a service account. */
export async function findUserByLogin(db: Queryable, realm: string, login: string): Promise<User | null> {
  const name = login.trim().toLowerCase();
  const { rows } = await db.query<UserRow>(
    "SELECT * FROM users WHERE realm = $1 AND (username = $2 OR email = $2) AND service_account_client_id IS NULL ORDER BY (username = $2) DESC LIMIT 1",
    [realm, name],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export interface UserQuery {
  /** Keycloak's `search`: substring of username, email, first or last name; `"x"` exact; `*` wildcards. */
  search?: string;
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** `username`, `email`, `firstName`, `lastName` match exactly instead of as substrings. */
  exact?: boolean;
  enabled?: boolean;
  emailVerified?: boolean;
  /** Keycloak's `q`: attribute name → value, all must match. */
  attributes?: Record<string, string>;
  first: number;
  max: number;
}

function whereClause(realm: string, query: Omit<UserQuery, "first" | "max">): { sql: string; params: unknown[] } {
  const params: unknown[] = [realm];
  // Service accounts are not people: searches leave them out, as Keycloak's do.
  const clauses = ["realm = $1", "service_account_client_id IS NULL"];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const search = query.search?.trim();
  if (search && search !== "*") {
    const quoted = /^"(.*)"$/.exec(search);
    if (quoted) {
      const p = add((quoted[1] ?? "").toLowerCase());
      clauses.push(`(username = ${p} OR email = ${p} OR lower(first_name) = ${p} OR lower(last_name) = ${p})`);
    } else {
      const pattern = search.includes("*") ? escapeLike(search).replaceAll("*", "%") : `%${escapeLike(search)}%`;
      const p = add(pattern);
      clauses.push(`(username ILIKE ${p} OR email ILIKE ${p} OR first_name ILIKE ${p} OR last_name ILIKE ${p})`);
    }
  }
  const fieldFilters: [string | undefined, string][] = [
    [query.username, "username"],
    [query.email, "email"],
    [query.firstName, "first_name"],
    [query.lastName, "last_name"],
  ];
  for (const [value, column] of fieldFilters) {
    if (value === undefined) continue;
    if (query.exact) clauses.push(`lower(${column}) = lower(${add(value)})`);
    else clauses.push(`${column} ILIKE ${add(`%${escapeLike(value)}%`)}`);
  }
  if (query.enabled !== undefined) clauses.push(`enabled = ${add(query.enabled)}`);
  if (query.emailVerified !== undefined) clauses.push(`email_verified = ${add(query.emailVerified)}`);
  for (const [name, value] of Object.entries(query.attributes ?? {})) {
    clauses.push(`attributes @> ${add(JSON.stringify({ [name]: [value] }))}::jsonb`);
  }
  return { sql: clauses.join(" AND "), params };
}

export async function listUsers(db: Queryable, realm: string, query: UserQuery): Promise<User[]> {
  const { sql, params } = whereClause(realm, query);
  params.push(query.first, query.max);
  const { rows } = await db.query<UserRow>(`SELECT * FROM users WHERE ${sql} ORDER BY username OFFSET $${params.length - 1} LIMIT $${params.length}`, params);
  return rows.map(fromRow);
}

export async function countUsers(db: Queryable, realm: string, query: Omit<UserQuery, "first" | "max">): Promise<number> {
  const { sql, params } = whereClause(realm, query);
  const { rows } = await db.query<{ count: string }>(`SELECT count(*) FROM users WHERE ${sql}`, params);
  return Number(rows[0]?.count ?? 0);
}

/** Throws unique violations `users_realm_username_key` / `users_realm_email_key`. */
export async function insertUser(db: Queryable, realm: string, fields: UserFields & { username: string }): Promise<User> {
  const { columns, values } = presentFields(fields);
  const { rows } = await db.query<UserRow>(`INSERT INTO users (realm, ${columns.join(", ")}) VALUES ($1, ${values.map((_, i) => `$${i + 2}`).join(", ")}) RETURNING *`, [
    realm,
    ...values,
  ]);
  return fromRow(rows[0]!);
}

export async function updateUser(db: Queryable, realm: string, id: string, fields: UserFields): Promise<User | null> {
  if (!isUuid(id)) return null;
  const { columns, values } = presentFields(fields);
  if (columns.length === 0) return findUser(db, realm, id);
  const sets = columns.map((c, i) => `${c} = $${i + 3}`).join(", ");
  const { rows } = await db.query<UserRow>(`UPDATE users SET ${sets} WHERE realm = $1 AND id = $2 RETURNING *`, [realm, id, ...values]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function deleteUser(db: Queryable, realm: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const { rowCount } = await db.query("DELETE FROM users WHERE realm = $1 AND id = $2", [realm, id]);
  return Boolean(rowCount);
}

/** The service-account user of a client (`service-account-<clientId>`), or null. */
export async function findServiceAccountUser(db: Queryable, realm: string, clientUuid: string): Promise<User | null> {
  if (!isUuid(clientUuid)) return null;
  const { rows } = await db.query<UserRow>("SELECT * FROM users WHERE realm = $1 AND service_account_client_id = $2", [realm, clientUuid]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * The client's service-account user, created if missing, as Keycloak names it
 * (`service-account-<clientId>`, lower case). A user of that name who is not the client's
 * service account is refused: it would act with the client's roles.
 */
export async function ensureServiceAccountUser(db: Queryable, realm: string, client: { id: string; clientId: string }): Promise<User> {
  const existing = await findServiceAccountUser(db, realm, client.id);
  if (existing) return existing;
  const username = `service-account-${client.clientId}`.toLowerCase();
  const { rows } = await db.query<UserRow>("INSERT INTO users (realm, username, enabled, service_account_client_id) VALUES ($1, $2, true, $3) RETURNING *", [
    realm,
    username,
    client.id,
  ]);
  return fromRow(rows[0]!);
}
