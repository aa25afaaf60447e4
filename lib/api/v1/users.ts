import { AppError } from "@/lib/errors/app-error";
import { changeTenantUser, createTenantUser, deleteTenantUser } from "@/lib/users/commands";
import { getUser, listUsers } from "@/lib/users/queries";
import { createUserSchema, type UpdateUserInput } from "@/lib/users/schema";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { tenantRoute } from "@/lib/api/route";
import { noContent, respond } from "@/lib/api/responses";
import { pathUsername } from "@/lib/api/params";
import { userListQuery } from "@/lib/api/schemas/queries";
import { createdUserSchema, patchUserSchema, userPageSchema, userSchema, type PatchUserInput } from "@/lib/api/schemas/users";

async function existingUser(tenant: ResolvedTenant, username: string) {
  const user = await getUser(tenant, username);
  if (!user) throw new AppError("not_found", "User not found.");
  return user;
}

const PROFILE_FIELDS = ["email", "firstName", "lastName"] as const;

/** The stored profile with the fields the request names replaced (a field sent empty is cleared). */
function mergedProfile(current: Record<(typeof PROFILE_FIELDS)[number], string | null>, patch: PatchUserInput): UpdateUserInput {
  const profile: UpdateUserInput = { email: current.email ?? undefined, firstName: current.firstName ?? undefined, lastName: current.lastName ?? undefined };
  for (const field of PROFILE_FIELDS) if (field in patch) profile[field] = patch[field];
  return profile;
}

export const listUsersRoute = tenantRoute({
  permission: "user:list",
  query: userListQuery,
  handle: async ({ tenant, query }) => respond(userPageSchema, await listUsers(tenant, query)),
});

export const createUserRoute = tenantRoute({
  permission: "user:create",
  body: createUserSchema,
  handle: async ({ tenant, body, principal, actor }) => {
    const result = await createTenantUser(tenant, body, principal, actor);
    const user = await existingUser(tenant, result.username);
    return respond(createdUserSchema, { ...user, oneTimePassword: result.oneTimePassword, setPasswordLink: result.setPasswordLink }, 201);
  },
});

export const getUserRoute = tenantRoute({
  permission: "user:read",
  handle: async ({ tenant, params }) => respond(userSchema, await existingUser(tenant, pathUsername(params))),
});

/**
 * `username`, profile fields and `tenantRole` need `user:update`, `enabled` needs `user:disable`;
 * the grant rule and every field are then checked for the whole request, and the change is one
 * (see `changeTenantUser`): all of it or, refused, nothing in either store.
 */
export const patchUserRoute = tenantRoute({
  permission: "checked-by-handler",
  body: patchUserSchema,
  handle: async ({ tenant, params, body, actor, principal, authorize }) => {
    const changesProfile = PROFILE_FIELDS.some((field) => field in body);
    if (changesProfile || body.tenantRole !== undefined || body.username !== undefined) authorize("user:update");
    if (body.enabled !== undefined) authorize("user:disable");
    if (!changesProfile && body.enabled === undefined && body.tenantRole === undefined && body.username === undefined) authorize("user:read");
    // The profile is merged with the one stored once the user's lock is held: a concurrent PATCH of another field is kept.
    const { username } = await changeTenantUser(
      tenant,
      pathUsername(params),
      (current) => ({ username: body.username, tenantRole: body.tenantRole, enabled: body.enabled, ...(changesProfile ? { profile: mergedProfile(current, body) } : {}) }),
      principal,
      actor,
    );
    return respond(userSchema, await existingUser(tenant, username));
  },
});

export const deleteUserRoute = tenantRoute({
  permission: "user:delete",
  handle: async ({ tenant, params, principal, actor }) => {
    await deleteTenantUser(tenant, pathUsername(params), principal, actor);
    return noContent();
  },
});
