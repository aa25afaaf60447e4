import type { Queryable } from "@/idp/db";
import { hashPassword, passwordNeedsRehash, verifyDecoy, verifyPassword } from "@/idp/auth/passwords";
import { passwordHashOf, setPasswordHash } from "@/idp/store/credentials";
import { recordEvent } from "@/idp/store/events";
import { throttleSource } from "@/idp/http/client-address";
import { addressPolicy, ANY_NAME, blockedSeconds, clearFailure, loginKey, namePolicy, recordFailure } from "@/idp/store/login-throttles";
import type { Realm } from "@/idp/store/realms";
import { findUserByLogin, updateUser, type User } from "@/idp/store/users";
import { replaceUnsafeText, textProblem } from "@/shared/unsafe-text";

export const UPDATE_PASSWORD = "UPDATE_PASSWORD";

export type AuthOutcome =
  | { ok: true; user: User; mustUpdatePassword: boolean }
  | { ok: false; reason: "realm_disabled" | "invalid" | "disabled" }
  /** Too many failures of this login name, or of all names, from this client address: wait, whoever the name belongs to. */
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Keycloak's LOGIN_ERROR error codes for each refusal. */
const LOGIN_ERRORS = {
  realm_disabled: "realm_disabled",
  invalid: "invalid_user_credentials",
  disabled: "user_disabled",
  throttled: "user_temporarily_disabled",
} as const;

/** Where the login attempt came from, for the realm's LOGIN / LOGIN_ERROR events. */
export interface LoginSource {
  ip: string | null;
  clientId?: string;
}

/**
 * Checks a username (or email) and password the way the login page and the password grant both
 * need: suspended realm, the wait of this name from this address, password, disabled account — in
 * an order, and with the same work, that tells nothing about an account to someone who does not
 * know its password. Failures are counted per (name as typed, client address), for unknown names
 * exactly as for known ones, so a wait neither reveals that a name exists nor locks its owner out
 * anywhere else. Records a Keycloak-style LOGIN or LOGIN_ERROR event for the realm either way.
 */
export async function authenticate(db: Queryable, realm: Realm, login: string, password: string, source: LoginSource): Promise<AuthOutcome> {
  // No account has a name PostgreSQL cannot store (shared/unsafe-text.ts): such a login is an unknown user, not a failed query.
  const storable = textProblem(login) === null;
  const { outcome, user } = storable ? await check(db, realm, login, password, source.ip) : { outcome: { ok: false, reason: "invalid" } as const, user: undefined };
  await recordEvent(db, realm, {
    type: outcome.ok ? "LOGIN" : "LOGIN_ERROR",
    clientId: source.clientId,
    userId: user?.id,
    ip: source.ip,
    error: outcome.ok ? null : !user && outcome.reason === "invalid" ? "user_not_found" : LOGIN_ERRORS[outcome.reason],
    details: { username: user?.username ?? replaceUnsafeText(login.trim()), auth_method: "openid-connect" },
  });
  return outcome;
}

async function check(db: Queryable, realm: Realm, login: string, password: string, ip: string | null): Promise<{ outcome: AuthOutcome; user: User | null }> {
  const user = login.trim() ? await findUserByLogin(db, realm.name, login) : null;
  const refuse = (reason: "realm_disabled" | "invalid" | "disabled") => ({ outcome: { ok: false as const, reason }, user });
  const throttled = (retryAfterSeconds: number) => ({ outcome: { ok: false as const, reason: "throttled" as const, retryAfterSeconds }, user });
  if (!realm.enabled) return refuse("realm_disabled");
  const key = loginKey(login);
  const from = throttleSource(ip);
  if (realm.bruteForceProtected) {
    const wait = await blockedSeconds(db, realm.name, key, from);
    if (wait > 0) return throttled(wait); // the password is not even looked at
  }
  const digest = user ? await passwordHashOf(db, user.id) : null;
  // No such user (or no password): a hash is verified all the same, so both take as long.
  const verified = digest ? await verifyPassword(digest, password) : (await verifyDecoy(password), false);
  if (!user || !digest || !verified) {
    if (realm.bruteForceProtected) {
      const wait = Math.max(await recordFailure(db, realm.name, key, from, ip, namePolicy(realm)), await recordFailure(db, realm.name, ANY_NAME, from, ip, addressPolicy(realm)));
      if (wait > 0) return throttled(wait);
    }
    return refuse("invalid");
  }
  if (!user.enabled) return refuse("disabled");
  if (realm.bruteForceProtected) await clearFailure(db, realm.name, key, from);
  if (passwordNeedsRehash(digest)) await setPasswordHash(db, user.id, await hashPassword(password));
  return { outcome: { ok: true, user, mustUpdatePassword: user.requiredActions.includes(UPDATE_PASSWORD) }, user };
}

/** Sets the user's password; a temporary one must be changed at the next login (Keycloak's UPDATE_PASSWORD). */
export async function setPassword(db: Queryable, user: User, password: string, temporary: boolean): Promise<User> {
  await setPasswordHash(db, user.id, await hashPassword(password));
  const others = user.requiredActions.filter((a) => a !== UPDATE_PASSWORD);
  const requiredActions = temporary ? [...others, UPDATE_PASSWORD] : others;
  if (requiredActions.length === user.requiredActions.length && requiredActions.every((a, i) => a === user.requiredActions[i])) return user;
  return (await updateUser(db, user.realm, user.id, { requiredActions })) ?? user;
}
