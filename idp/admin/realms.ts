import { isUniqueViolation, transaction } from "@/idp/db";
import { adminPath, created, noContent, ok, type AdminContext, type Reply, type Route } from "@/idp/admin/context";
import { parse, realmInput, realmRepresentation, validRealmName, type RealmInput } from "@/idp/admin/representations";
import { MASTER_REALM } from "@/idp/config";
import { parsePasswordPolicy } from "@/idp/auth/password-policy";
import { badRequest, conflict } from "@/idp/http/respond";
import { addActiveKey, publishedKeys, spkiBase64 } from "@/idp/store/keys";
import { createRealmWithKey } from "@/idp/store/realm-setup";
import { deleteRealm, listRealms, updateRealm, type RealmFields } from "@/idp/store/realms";

/** A policy the server cannot hold is refused now, not ignored later. */
function checkedPolicy(policy: string | undefined): string | undefined {
  if (policy !== undefined) parsePasswordPolicy(policy);
  return policy;
}

function realmFields(input: RealmInput): RealmFields {
  // Keycloak's realm update replaces the whole attribute map when one is sent (keys left out are
  // removed), so a client that sends a partial map loses the rest here too.
  const attributes = input.attributes && Object.fromEntries(Object.entries(input.attributes).filter((entry): entry is [string, string] => entry[1] !== null));
  return {
    displayName: input.displayName,
    editUsernameAllowed: input.editUsernameAllowed,
    notBefore: input.notBefore,
    loginTheme: input.loginTheme,
    enabled: input.enabled,
    attributes,
    bruteForceProtected: input.bruteForceProtected,
    bruteForceStrategy: input.bruteForceStrategy,
    failureFactor: input.failureFactor,
    waitIncrementSeconds: input.waitIncrementSeconds,
    maxFailureWaitSeconds: input.maxFailureWaitSeconds,
    maxDeltaTimeSeconds: input.maxDeltaTimeSeconds,
    accessTokenLifespan: input.accessTokenLifespan,
    ssoSessionIdleTimeout: input.ssoSessionIdleTimeout,
    ssoSessionMaxLifespan: input.ssoSessionMaxLifespan,
    passwordPolicy: checkedPolicy(input.passwordPolicy),
  };
}

async function list(ctx: AdminContext): Promise<Reply> {
  return ok((await listRealms(ctx.deps.db)).map(realmRepresentation));
}

async function create(ctx: AdminContext): Promise<Reply> {
  const input = parse(realmInput, await ctx.body());
  const name = validRealmName(input.realm);
  try {
    // As in Keycloak, a realm created without `enabled: true` is disabled.
    await createRealmWithKey(ctx.deps.db, name, { ...realmFields(input), enabled: input.enabled ?? false });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("Conflict detected. See logs for details");
    throw error;
  }
  ctx.deps.runtimes.invalidate(name);
  return created(adminPath(name));
}

async function get(ctx: AdminContext): Promise<Reply> {
  return ok(realmRepresentation(await ctx.realm()));
}

async function update(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const input = parse(realmInput, await ctx.body());
  if (input.realm !== undefined && input.realm !== realm.name) throw badRequest("Renaming a realm is not supported.");
  await updateRealm(ctx.deps.db, realm.name, realmFields(input));
  ctx.deps.runtimes.invalidate(realm.name);
  return noContent();
}

async function remove(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  if (realm.name === MASTER_REALM) throw badRequest("The master realm cannot be deleted.");
  await deleteRealm(ctx.deps.db, realm.name);
  ctx.deps.runtimes.invalidate(realm.name);
  return noContent();
}

/** Gatehouse extension: a new active signing key; the previous ones stay in the JWKS. */
async function rotateKey(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const key = await transaction(ctx.deps.db, (tx) => addActiveKey(tx, realm.name));
  ctx.deps.runtimes.invalidate(realm.name);
  return ok({ kid: key.kid, algorithm: key.algorithm });
}

/** Keycloak's `GET /admin/realms/{realm}/keys` (KeysMetadataRepresentation). */
async function keys(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const published = await publishedKeys(ctx.deps.db, realm.name);
  const active = published.find((k) => k.active);
  return ok({
    active: active ? { RS256: active.kid } : {},
    keys: published.map((key) => ({
      kid: key.kid,
      type: "RSA",
      algorithm: key.algorithm,
      use: "SIG",
      status: key.active ? "ACTIVE" : "PASSIVE",
      providerPriority: key.active ? 100 : 0,
      publicKey: spkiBase64(key),
      validTo: null,
    })),
  });
}

export const realmRoutes: Route[] = [
  { method: "GET", pattern: "", handler: list },
  { method: "POST", pattern: "", handler: create },
  { method: "GET", pattern: ":realm", handler: get },
  { method: "PUT", pattern: ":realm", handler: update },
  { method: "DELETE", pattern: ":realm", handler: remove },
  { method: "GET", pattern: ":realm/keys", handler: keys },
  { method: "POST", pattern: ":realm/gatehouse/keys/rotate", handler: rotateKey },
];
