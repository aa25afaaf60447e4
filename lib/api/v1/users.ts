import { AppError } from "@/lib/errors/app-error";
import { changeTenantUser, createTenantUser, deleteTenantUser } from "@/lib/users/commands";
import { getUser, listUsers } from "@/lib/users/queries";
import { createUserSchema, type UpdateUserInput } from "@/lib/users/schema";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { tenantRoute } from "@/lib/edge/tenant-route";
import { noContent, respond } from "@/lib/edge/responses";
import { NO_CONTENT, refusals, returns } from "@/lib/api/operation-responses";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
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
  method: "get",
  path: "/api/v1/tenants/{key}/users",
  operationId: "listUsers",
  tag: "Users",
  summary: "List users",
  description: "Username order, keyset-paginated: pass the response's `next` as `after`. `q` matches a prefix of the username, email, first or last name.",
  pathParams: tenantPathParams.tenant,
  responses: returns("A page of users.", userPageSchema),
  permission: "user:list",
  query: userListQuery,
  handle: async ({ tenant, query }) => respond(userPageSchema, await listUsers(tenant, query)),
});

export const createUserRoute = tenantRoute({
  method: "post",
  path: "/api/v1/tenants/{key}/users",
  operationId: "createUser",
  tag: "Users",
  summary: "Create a user",
  description:
    "Created in the tenant and its identity realm. With `passwordMode: generate` the response carries a one-time password, with `link` a set-password link — either once. The caller must hold every permission of the `tenantRole` it gives (else 403 `forbidden`, naming what it lacks). A username or an email (case-insensitively) another user has is a 409 `conflict` naming the field.",
  pathParams: tenantPathParams.tenant,
  responses: { ...returns("The user.", createdUserSchema, 201), ...refusals(409, 429) },
  permission: "user:create",
  body: createUserSchema,
  handle: async ({ tenant, body, principal, actor }) => {
    const result = await createTenantUser(tenant, body, principal, actor);
    const user = await existingUser(tenant, result.username);
    return respond(createdUserSchema, { ...user, oneTimePassword: result.oneTimePassword, setPasswordLink: result.setPasswordLink }, 201);
  },
});

export const getUserRoute = tenantRoute({
  method: "get",
  path: "/api/v1/tenants/{key}/users/{username}",
  operationId: "getUser",
  tag: "Users",
  summary: "Get a user",
  pathParams: tenantPathParams.user,
  responses: returns("The user.", userSchema),
  permission: "user:read",
  handle: async ({ tenant, params }) => respond(userSchema, await existingUser(tenant, pathUsername(params))),
});

/**
 * `username`, profile fields and `tenantRole` need `user:update`, `enabled` needs `user:disable`;
 * the grant rule and every field are then checked for the whole request, and the change is one
 * (see `changeTenantUser`): all of it or, refused, nothing in either store.
 */
export const patchUserRoute = tenantRoute({
  method: "patch",
  path: "/api/v1/tenants/{key}/users/{username}",
  operationId: "updateUser",
  tag: "Users",
  summary: "Update a user's profile, enable or disable",
  description:
    "Fields left out stay as they are; an empty string clears a profile field. Disabling ends the user's sessions at once. The caller must hold every permission of the user's current role to change anything about them (else 403 `forbidden`). A taken username or email is a 409 `conflict` naming the field.",
  pathParams: tenantPathParams.user,
  responses: { ...returns("The user.", userSchema), ...refusals(409) },
  permission: { checkedByHandler: "user:update for profile fields, user:disable for `enabled`" },
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
  method: "delete",
  path: "/api/v1/tenants/{key}/users/{username}",
  operationId: "deleteUser",
  tag: "Users",
  summary: "Delete a user",
  description:
    "From the realm and the tenant. The break-glass admin cannot be deleted (403), only disabled. The caller must hold every permission of the user's role (else 403 `forbidden`).",
  pathParams: tenantPathParams.user,
  responses: NO_CONTENT,
  permission: "user:delete",
  handle: async ({ tenant, params, principal, actor }) => {
    await deleteTenantUser(tenant, pathUsername(params), principal, actor);
    return noContent();
  },
});
