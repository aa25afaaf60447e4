import { isUniqueViolation } from "@/idp/db";
import { adminPath, created, noContent, ok, type AdminContext, type Reply, type Route } from "@/idp/admin/context";
import { intParam, parse, roleInput, roleRepresentation, stringParam, userRepresentation } from "@/idp/admin/representations";
import { badRequest, conflict, notFound } from "@/idp/http/respond";
import { deleteRole, findRoleById, findRoleByName, insertRole, listRoles, updateRole, userIdsWithRole, type Role } from "@/idp/store/roles";
import { findUser, type User } from "@/idp/store/users";

const ROLE_NOT_FOUND = "Could not find role";

async function roleByName(ctx: AdminContext): Promise<Role> {
  const realm = await ctx.realm();
  const role = await findRoleByName(ctx.deps.db, realm.name, ctx.param("name"));
  if (!role) throw notFound(ROLE_NOT_FOUND);
  return role;
}

async function roleById(ctx: AdminContext): Promise<Role> {
  const realm = await ctx.realm();
  const role = await findRoleById(ctx.deps.db, realm.name, ctx.param("id"));
  if (!role) throw notFound(ROLE_NOT_FOUND);
  return role;
}

async function list(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const roles = await listRoles(ctx.deps.db, realm.name, {
    search: stringParam(ctx.query, "search"),
    first: intParam(ctx.query, "first", 0),
    max: intParam(ctx.query, "max", 1_000_000),
  });
  return ok(roles.map((role) => roleRepresentation(role, realm)));
}

async function create(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const input = parse(roleInput, await ctx.body());
  if (!input.name) throw badRequest("Role name is required.");
  try {
    await insertRole(ctx.deps.db, realm.name, { name: input.name, description: input.description ?? null, attributes: input.attributes });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Role with name ${input.name} already exists`);
    throw error;
  }
  return created(adminPath(realm.name, "roles", input.name));
}

async function update(ctx: AdminContext, role: Role): Promise<Reply> {
  const input = parse(roleInput, await ctx.body());
  try {
    await updateRole(ctx.deps.db, role.realm, role.id, { name: input.name, description: input.description, attributes: input.attributes });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Role with name ${input.name ?? ""} already exists`);
    throw error;
  }
  return noContent();
}

async function usersWithRole(ctx: AdminContext): Promise<Reply> {
  const role = await roleByName(ctx);
  const ids = await userIdsWithRole(ctx.deps.db, role.id, intParam(ctx.query, "first", 0), intParam(ctx.query, "max", 100));
  const users = await Promise.all(ids.map((id) => findUser(ctx.deps.db, role.realm, id)));
  return ok(users.filter((u): u is User => u !== null).map(userRepresentation));
}

export const roleRoutes: Route[] = [
  { method: "GET", pattern: ":realm/roles", handler: list },
  { method: "POST", pattern: ":realm/roles", handler: create },
  { method: "GET", pattern: ":realm/roles/:name", handler: async (ctx) => ok(roleRepresentation(await roleByName(ctx), await ctx.realm())) },
  { method: "PUT", pattern: ":realm/roles/:name", handler: async (ctx) => update(ctx, await roleByName(ctx)) },
  {
    method: "DELETE",
    pattern: ":realm/roles/:name",
    handler: async (ctx) => {
      const role = await roleByName(ctx);
      await deleteRole(ctx.deps.db, role.realm, role.id);
      return noContent();
    },
  },
  { method: "GET", pattern: ":realm/roles/:name/users", handler: usersWithRole },
  { method: "GET", pattern: ":realm/roles-by-id/:id", handler: async (ctx) => ok(roleRepresentation(await roleById(ctx), await ctx.realm())) },
  { method: "PUT", pattern: ":realm/roles-by-id/:id", handler: async (ctx) => update(ctx, await roleById(ctx)) },
  {
    method: "DELETE",
    pattern: ":realm/roles-by-id/:id",
    handler: async (ctx) => {
      const role = await roleById(ctx);
      await deleteRole(ctx.deps.db, role.realm, role.id);
      return noContent();
    },
  },
];
