import type { Queryable } from "@/idp/db";
import { hashPassword, passwordNeedsRehash, verifyDecoy, verifyPassword } from "@/idp/auth/passwords";
import { passwordHashOf, setPasswordHash } from "@/idp/store/credentials";
import { clearFailures, lockRemainingSeconds, recordFailure } from "@/idp/store/login-failures";
import type { Realm } from "@/idp/store/realms";
import { findUserByLogin, updateUser, type User } from "@/idp/store/users";

export const UPDATE_PASSWORD = "UPDATE_PASSWORD";

export type AuthOutcome =
  | { ok: true; user: User; mustUpdatePassword: boolean }
  | { ok: false; reason: "realm_disabled" | "invalid" | "disabled" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks a username (or email) and password the way the login page and the password grant both
 * need: suspended realm, temporary lockout, password, disabled account — in an order that tells
 * nothing about an account to someone who does not know its password.
 */
export async function authenticate(db: Queryable, realm: Realm, login: string, password: string, ip: string | null): Promise<AuthOutcome> {
  if (!realm.enabled) return { ok: false, reason: "realm_disabled" };
  const user = login.trim() ? await findUserByLogin(db, realm.name, login) : null;
  const digest = user ? await passwordHashOf(db, user.id) : null;
  if (!user || !digest) {
    await verifyDecoy(password);
    return { ok: false, reason: "invalid" };
  }
  if (realm.bruteForceProtected) {
    const remaining = await lockRemainingSeconds(db, user.id);
    if (remaining > 0) return { ok: false, reason: "locked", retryAfterSeconds: remaining };
  }
  if (!(await verifyPassword(digest, password))) {
    if (realm.bruteForceProtected) {
      const locked = await recordFailure(db, realm, user.id, ip);
      if (locked > 0) return { ok: false, reason: "locked", retryAfterSeconds: locked };
    }
    return { ok: false, reason: "invalid" };
  }
  if (!user.enabled) return { ok: false, reason: "disabled" };
  if (realm.bruteForceProtected) await clearFailures(db, user.id);
  if (passwordNeedsRehash(digest)) await setPasswordHash(db, user.id, await hashPassword(password));
  return { ok: true, user, mustUpdatePassword: user.requiredActions.includes(UPDATE_PASSWORD) };
}

/** Sets the user's password; a temporary one must be changed at the next login (Keycloak's UPDATE_PASSWORD). */
export async function setPassword(db: Queryable, user: User, password: string, temporary: boolean): Promise<User> {
  await setPasswordHash(db, user.id, await hashPassword(password));
  const others = user.requiredActions.filter((a) => a !== UPDATE_PASSWORD);
  const requiredActions = temporary ? [...others, UPDATE_PASSWORD] : others;
  if (requiredActions.length === user.requiredActions.length && requiredActions.every((a, i) => a === user.requiredActions[i])) return user;
  return (await updateUser(db, user.realm, user.id, { requiredActions })) ?? user;
}
