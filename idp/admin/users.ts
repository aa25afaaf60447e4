import { isUniqueViolation, transaction } from "@/idp/db";
import { adminPath, created, noContent, ok, type AdminContext, type Reply, type Route } from "@/idp/admin/context";
import {
  boolParam,
  credentialInput,
  intParam,
  parse,
  roleReferences,
  roleRepresentation,
  stringParam,
  userInput,
  userRepresentation,
  validEmail,
  validPersonName,
  validUsername,
  type UserInput,
} from "@/idp/admin/representations";
import { setPassword, UPDATE_PASSWORD } from "@/idp/auth/authenticate";
import { checkAdminPassword } from "@/idp/auth/password-policy";
import { hashPassword } from "@/idp/auth/passwords";
import { HttpError, badRequest, conflict, notFound } from "@/idp/http/respond";
import { setPasswordHash } from "@/idp/store/credentials";
import { clearFailures, failureStatus, loginKey } from "@/idp/store/login-throttles";
import { listUserSessions, revokeUserModels } from "@/idp/store/oidc-models";
import { addUserRoles, findRoleById, findRoleByName, listRoles, removeUserRoles, rolesOfUser, type Role } from "@/idp/store/roles";
import { updateRealm } from "@/idp/store/realms";
import { countUsers, deleteUser, findUser, insertUser, listUsers, updateUser, type User, type UserFields, type UserQuery } from "@/idp/store/users";

const USER_NOT_FOUND = "User not found";

/** What GET users/profile answers for a realm whose profile was never set: Keycloak's four attributes. */
const DEFAULT_USER_PROFILE = {
  attributes: ["username", "email", "firstName", "lastName"].map((name) => ({
    name,
    displayName: `\${${name}}`,
    multivalued: false,
    permissions: { view: ["admin", "user"], edit: ["admin", "user"] },
  })),
  groups: [{ name: "user-metadata", displayHeader: "User metadata", displayDescription: "Attributes, which refer to user metadata" }],
};

async function userOf(ctx: AdminContext): Promise<User> {
  const realm = await ctx.realm();
  const user = await findUser(ctx.deps.db, realm.name, ctx.param("id"));
  if (!user) throw notFound(USER_NOT_FOUND);
  return user;
}

function uniqueViolation(error: unknown): HttpError | null {
  if (isUniqueViolation(error, "users_realm_username_key")) return conflict("User exists with same username");
  if (isUniqueViolation(error, "users_realm_email_key")) return conflict("User exists with same email");
  return null;
}

/** Keycloak's `q`: "name:value name2:value2". */
function attributeQuery(q: string | undefined): Record<string, string> | undefined {
  if (!q) return undefined;
  const pairs = q.split(" ").flatMap((part) => {
    const at = part.indexOf(":");
    return at > 0 ? [[part.slice(0, at), part.slice(at + 1)] as const] : [];
  });
  return Object.fromEntries(pairs);
}

function userQuery(query: URLSearchParams): Omit<UserQuery, "first" | "max"> {
  return {
    search: stringParam(query, "search"),
    username: stringParam(query, "username"),
    email: stringParam(query, "email"),
    firstName: stringParam(query, "firstName"),
    lastName: stringParam(query, "lastName"),
    exact: boolParam(query, "exact") ?? false,
    enabled: boolParam(query, "enabled"),
    emailVerified: boolParam(query, "emailVerified"),
    attributes: attributeQuery(stringParam(query, "q")),
  };
}

function attributesOf(input: UserInput["attributes"]): Record<string, string[]> | undefined {
  if (!input) return undefined;
  return Object.fromEntries(Object.entries(input).filter((entry): entry is [string, string[]] => entry[1] !== null));
}

/** The one password credential of a representation; only passwords are supported. */
function passwordOf(credentials: UserInput["credentials"]): { value: string; temporary: boolean } | undefined {
  if (!credentials?.length) return undefined;
  const [credential, ...rest] = credentials;
  if (rest.length || credential?.type !== "password") throw badRequest("Only one credential, of type password, is supported.");
  if (!credential.value) throw badRequest("The password is empty.");
  return { value: credential.value, temporary: credential.temporary };
}

async function list(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const users = await listUsers(ctx.deps.db, realm.name, {
    ...userQuery(ctx.query),
    first: intParam(ctx.query, "first", 0),
    max: intParam(ctx.query, "max", 100),
  });
  return ok(users.map(userRepresentation));
}

async function count(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  return ok(await countUsers(ctx.deps.db, realm.name, userQuery(ctx.query)));
}

async function create(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const input = parse(userInput, await ctx.body());
  const username = validUsername(input.username);
  const password = passwordOf(input.credentials);
  if (password) checkAdminPassword(realm, password.value);
  const digest = password ? await hashPassword(password.value) : null;
  const requiredActions = [...new Set([...(input.requiredActions ?? []), ...(password?.temporary ? [UPDATE_PASSWORD] : [])])];
  try {
    const user = await transaction(ctx.deps.db, async (tx) => {
      const inserted = await insertUser(tx, realm.name, {
        username,
        email: validEmail(input.email),
        firstName: validPersonName(input.firstName, "firstName"),
        lastName: validPersonName(input.lastName, "lastName"),
        // As in Keycloak, a user created without `enabled: true` is disabled.
        enabled: input.enabled ?? false,
        emailVerified: input.emailVerified,
        attributes: attributesOf(input.attributes),
        requiredActions,
      });
      if (digest) await setPasswordHash(tx, inserted.id, digest);
      return inserted;
    });
    return created(adminPath(realm.name, "users", user.id));
  } catch (error) {
    throw uniqueViolation(error) ?? error;
  }
}

/**
 * Keycloak's user profile configuration (UPConfig), stored and returned as sent. The embedded
 * server checks its own fixed rules (those Gatehouse configures on Keycloak: username of 3 to 255
 * characters, nothing else required), whatever the stored configuration says.
 */
async function getProfile(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  return ok(realm.userProfile ?? DEFAULT_USER_PROFILE);
}

async function putProfile(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const body = await ctx.body();
  if (!body || typeof body !== "object" || !Array.isArray((body as { attributes?: unknown }).attributes)) {
    throw new HttpError(400, { error: "invalid_request", errorMessage: "A user profile configuration needs an attributes list." });
  }
  await updateRealm(ctx.deps.db, realm.name, { userProfile: body as Record<string, unknown> });
  ctx.deps.runtimes.invalidate(realm.name);
  return ok(body);
}

async function update(ctx: AdminContext): Promise<Reply> {
  const current = await userOf(ctx);
  const input = parse(userInput, await ctx.body());
  // As in Keycloak, a username change is ignored unless the realm allows editing usernames;
  // sessions and tokens stay with the user's id.
  const realm = await ctx.realm();
  const username = input.username === undefined || !realm.editUsernameAllowed ? undefined : validUsername(input.username);
  const password = passwordOf(input.credentials);
  if (password) checkAdminPassword(realm, password.value);
  const fields: UserFields = {
    ...(username !== undefined && username !== current.username ? { username } : {}),
    email: validEmail(input.email),
    firstName: validPersonName(input.firstName, "firstName"),
    lastName: validPersonName(input.lastName, "lastName"),
    enabled: input.enabled,
    emailVerified: input.emailVerified,
    attributes: attributesOf(input.attributes),
    requiredActions: input.requiredActions,
  };
  let user: User | null;
  try {
    user = await updateUser(ctx.deps.db, current.realm, current.id, fields);
  } catch (error) {
    throw uniqueViolation(error) ?? error;
  }
  if (!user) throw notFound(USER_NOT_FOUND);
  if (password) await setPassword(ctx.deps.db, user, password.value, password.temporary);
  // Disabling takes effect at once: sessions end and refresh tokens, codes and grants are revoked.
  if (current.enabled && !user.enabled) await revokeUserModels(ctx.deps.db, user.realm, user.id);
  return noContent();
}

async function remove(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  await revokeUserModels(ctx.deps.db, user.realm, user.id);
  await deleteUser(ctx.deps.db, user.realm, user.id);
  return noContent();
}

async function resetPassword(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  const credential = parse(credentialInput, await ctx.body());
  if (credential.type !== "password") throw badRequest("Only password credentials are supported.");
  if (!credential.value) throw new HttpError(400, { error: "invalid_request", errorMessage: "The password is empty." });
  checkAdminPassword(await ctx.realm(), credential.value);
  await setPassword(ctx.deps.db, user, credential.value, credential.temporary);
  return noContent();
}

async function logout(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  await revokeUserModels(ctx.deps.db, user.realm, user.id);
  return noContent();
}

/** Keycloak's UserSessionRepresentation list of `GET users/{id}/sessions`. */
async function sessions(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  return ok(
    (await listUserSessions(ctx.deps.db, user.realm, user.id)).map((s) => ({
      id: s.uid,
      username: user.username,
      userId: user.id,
      start: (s.loginTs ?? 0) * 1000,
      lastAccess: (s.loginTs ?? 0) * 1000,
      clients: Object.fromEntries(s.clients.map((clientId) => [clientId, clientId])),
    })),
  );
}

async function resolveRoles(ctx: AdminContext, realm: string): Promise<Role[]> {
  const refs = parse(roleReferences, (await ctx.body()) ?? []);
  const roles: Role[] = [];
  for (const ref of refs) {
    const role = ref.id ? await findRoleById(ctx.deps.db, realm, ref.id) : ref.name ? await findRoleByName(ctx.deps.db, realm, ref.name) : null;
    if (!role) throw notFound("Role not found");
    roles.push(role);
  }
  return roles;
}

async function realmRoleMappings(ctx: AdminContext): Promise<Reply> {
  const [user, realm] = [await userOf(ctx), await ctx.realm()];
  return ok((await rolesOfUser(ctx.deps.db, user.id)).map((r) => roleRepresentation(r, realm)));
}

async function allRoleMappings(ctx: AdminContext): Promise<Reply> {
  const [user, realm] = [await userOf(ctx), await ctx.realm()];
  const roles = await rolesOfUser(ctx.deps.db, user.id);
  return ok(roles.length ? { realmMappings: roles.map((r) => roleRepresentation(r, realm)) } : {});
}

async function availableRealmRoles(ctx: AdminContext): Promise<Reply> {
  const [user, realm] = [await userOf(ctx), await ctx.realm()];
  const mapped = new Set((await rolesOfUser(ctx.deps.db, user.id)).map((r) => r.id));
  const all = await listRoles(ctx.deps.db, realm.name, { first: 0, max: 1_000_000 });
  return ok(all.filter((r) => !mapped.has(r.id)).map((r) => roleRepresentation(r, realm)));
}

async function addRealmRoles(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  const roles = await resolveRoles(ctx, user.realm);
  await addUserRoles(
    ctx.deps.db,
    user.id,
    roles.map((r) => r.id),
  );
  return noContent();
}

async function removeRealmRoles(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  const roles = await resolveRoles(ctx, user.realm);
  await removeUserRoles(
    ctx.deps.db,
    user.id,
    roles.map((r) => r.id),
  );
  return noContent();
}

/** Failures are counted per login name as typed: a user's are those of its username and of its email. */
const loginKeysOf = (user: { username: string; email: string | null }) => [user.username, ...(user.email ? [user.email] : [])].map(loginKey);

async function bruteForceStatus(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  return ok(await failureStatus(ctx.deps.db, user.realm, loginKeysOf(user)));
}

async function clearBruteForce(ctx: AdminContext): Promise<Reply> {
  const user = await userOf(ctx);
  await clearFailures(ctx.deps.db, user.realm, loginKeysOf(user));
  return noContent();
}

export const userRoutes: Route[] = [
  { method: "GET", pattern: ":realm/users", handler: list },
  { method: "POST", pattern: ":realm/users", handler: create },
  { method: "GET", pattern: ":realm/users/count", handler: count },
  { method: "GET", pattern: ":realm/users/profile", handler: getProfile },
  { method: "PUT", pattern: ":realm/users/profile", handler: putProfile },
  { method: "GET", pattern: ":realm/users/:id", handler: async (ctx) => ok(userRepresentation(await userOf(ctx))) },
  { method: "PUT", pattern: ":realm/users/:id", handler: update },
  { method: "DELETE", pattern: ":realm/users/:id", handler: remove },
  { method: "PUT", pattern: ":realm/users/:id/reset-password", handler: resetPassword },
  { method: "POST", pattern: ":realm/users/:id/logout", handler: logout },
  { method: "GET", pattern: ":realm/users/:id/sessions", handler: sessions },
  { method: "GET", pattern: ":realm/users/:id/role-mappings", handler: allRoleMappings },
  { method: "GET", pattern: ":realm/users/:id/role-mappings/realm", handler: realmRoleMappings },
  { method: "POST", pattern: ":realm/users/:id/role-mappings/realm", handler: addRealmRoles },
  { method: "DELETE", pattern: ":realm/users/:id/role-mappings/realm", handler: removeRealmRoles },
  { method: "GET", pattern: ":realm/users/:id/role-mappings/realm/available", handler: availableRealmRoles },
  // No composite roles here, so the effective realm roles are the direct ones.
  { method: "GET", pattern: ":realm/users/:id/role-mappings/realm/composite", handler: realmRoleMappings },
  { method: "GET", pattern: ":realm/attack-detection/brute-force/users/:id", handler: bruteForceStatus },
  { method: "DELETE", pattern: ":realm/attack-detection/brute-force/users/:id", handler: clearBruteForce },
];
