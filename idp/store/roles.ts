import { isUuid, type Queryable } from "@/idp/db";
import { escapeLike } from "@/shared/like";

export interface Role {
  id: string;
  realm: string;
  name: string;
  description: string | null;
  attributes: Record<string, string[]>;
}

export type RoleFields = Partial<Pick<Role, "name" | "description" | "attributes">>;

const SELECT = "SELECT id, realm, name, description, attributes FROM realm_roles";

export async function listRoles(db: Queryable, realm: string, query: { search?: string; first: number; max: number }): Promise<Role[]> {
  const params: unknown[] = [realm];
  let where = "realm = $1";
  if (query.search) {
    params.push(`%${escapeLike(query.search)}%`);
    where += ` AND name ILIKE $${params.length}`;
  }
  params.push(query.first, query.max);
  const { rows } = await db.query<Role>(`${SELECT} WHERE ${where} ORDER BY name OFFSET $${params.length - 1} LIMIT $${params.length}`, params);
  return rows;
}

export async function findRoleByName(db: Queryable, realm: string, name: string): Promise<Role | null> {
  const { rows } = await db.query<Role>(`${SELECT} WHERE realm = $1 AND name = $2`, [realm, name]);
  return rows[0] ?? null;
}

export async function findRoleById(db: Queryable, realm: string, id: string): Promise<Role | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<Role>(`${SELECT} WHERE realm = $1 AND id = $2`, [realm, id]);
  return rows[0] ?? null;
}

/** Throws the unique violation `realm_roles_realm_name_key` when the name is taken. */
export async function insertRole(db: Queryable, realm: string, fields: RoleFields & { name: string }): Promise<Role> {
  const { rows } = await db.query<Role>(
    "INSERT INTO realm_roles (realm, name, description, attributes) VALUES ($1, $2, $3, $4) RETURNING id, realm, name, description, attributes",
    [realm, fields.name, fields.description ?? null, JSON.stringify(fields.attributes ?? {})],
  );
  return rows[0]!;
}

export async function updateRole(db: Queryable, realm: string, id: string, fields: RoleFields): Promise<Role | null> {
  const { rows } = await db.query<Role>(
    `UPDATE realm_roles SET
       name = COALESCE($3, name),
       description = CASE WHEN $4::boolean THEN $5 ELSE description END,
       attributes = COALESCE($6::jsonb, attributes)
     WHERE realm = $1 AND id = $2
     RETURNING id, realm, name, description, attributes`,
    [realm, id, fields.name ?? null, fields.description !== undefined, fields.description ?? null, fields.attributes === undefined ? null : JSON.stringify(fields.attributes)],
  );
  return rows[0] ?? null;
}

export async function deleteRole(db: Queryable, realm: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query("DELETE FROM realm_roles WHERE realm = $1 AND id = $2", [realm, id]);
  return Boolean(rowCount);
}

export async function rolesOfUser(db: Queryable, userId: string): Promise<Role[]> {
  const { rows } = await db.query<Role>(
    `SELECT r.id, r.realm, r.name, r.description, r.attributes
       FROM user_role_mappings m JOIN realm_roles r ON r.id = m.role_id
      WHERE m.user_id = $1 ORDER BY r.name`,
    [userId],
  );
  return rows;
}

export async function roleNamesOfUser(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>("SELECT r.name FROM user_role_mappings m JOIN realm_roles r ON r.id = m.role_id WHERE m.user_id = $1 ORDER BY r.name", [
    userId,
  ]);
  return rows.map((r) => r.name);
}

export async function addUserRoles(db: Queryable, userId: string, roleIds: string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await db.query("INSERT INTO user_role_mappings (user_id, role_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING", [userId, roleIds]);
}

export async function removeUserRoles(db: Queryable, userId: string, roleIds: string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await db.query("DELETE FROM user_role_mappings WHERE user_id = $1 AND role_id = ANY($2::uuid[])", [userId, roleIds]);
}

export async function userIdsWithRole(db: Queryable, roleId: string, first: number, max: number): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT m.user_id FROM user_role_mappings m JOIN users u ON u.id = m.user_id
      WHERE m.role_id = $1 ORDER BY u.username OFFSET $2 LIMIT $3`,
    [roleId, first, max],
  );
  return rows.map((r) => r.user_id);
}
