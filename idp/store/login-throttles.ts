import { createHash } from "node:crypto";
import type { Queryable } from "@/idp/db";
import type { Realm } from "@/idp/store/realms";

/**
 * Failed sign-ins counted per (realm, login name, client address) — see the migration
 * 1700000000060_idp_login_throttle.sql. The realm's brute-force settings (Keycloak's names)
 * decide the wait, as Keycloak computes it per user: once `failureFactor` failures are reached,
 * MULTIPLE waits `waitIncrementSeconds × ⌊failures / failureFactor⌋`, LINEAR
 * `waitIncrementSeconds × (1 + failures − failureFactor)`, at most `maxFailureWaitSeconds`;
 * failures older than `maxDeltaTimeSeconds` start the count again.
 */

/** The key of a login name as typed: SHA-256 of it trimmed and lower-cased (names are case-insensitive). */
export function loginKey(login: string): Buffer {
  return createHash("sha256").update(login.trim().toLowerCase()).digest();
}

/**
 * The key under which one address's failures across every name are counted (credential stuffing,
 * password spraying). No login name hashes to it: names with a NUL are refused before counting.
 */
export const ANY_NAME = createHash("sha256").update("\u0000any name").digest();

/** When failures start a wait and how it grows: a realm's settings, or the wider per-address ones. */
export interface ThrottlePolicy {
  failureFactor: number;
  waitIncrementSeconds: number;
  maxFailureWaitSeconds: number;
  maxDeltaTimeSeconds: number;
  bruteForceStrategy: Realm["bruteForceStrategy"];
}

/** Failures of one name from one address: the realm's own brute-force settings. */
export const namePolicy = (realm: Realm): ThrottlePolicy => realm;

/**
 * Failures of all names together from one address: ten times the realm's factor within 15
 * minutes (50 by default — far more than one office mistyping, far fewer than a spray over a
 * user list), then the realm's waits.
 */
export const addressPolicy = (realm: Realm): ThrottlePolicy => ({ ...realm, failureFactor: realm.failureFactor * 10, maxDeltaTimeSeconds: 15 * 60 });

const remaining = (value: string | null | undefined) => Math.max(0, Number(value ?? 0));

/** Seconds this login name must still wait from this source (its own wait or the source's across names), or 0. */
export async function blockedSeconds(db: Queryable, realm: string, login: Buffer, source: string): Promise<number> {
  const { rows } = await db.query<{ remaining: string | null }>(
    `SELECT ceil(extract(epoch FROM max(blocked_until) - now())) AS remaining
       FROM login_throttles WHERE realm = $1 AND login_hash = ANY($2) AND source = $3 AND blocked_until > now()`,
    [realm, [login, ANY_NAME], source],
  );
  return remaining(rows[0]?.remaining);
}

/**
 * Counts a failed sign-in of this login name (or ANY_NAME) from this source under the policy and
 * returns the wait it starts, in seconds (0: none yet). One statement, so concurrent failures all count.
 */
export async function recordFailure(db: Queryable, realm: string, login: Buffer, source: string, ip: string | null, policy: ThrottlePolicy): Promise<number> {
  // $5 failureFactor, $6 waitIncrementSeconds, $7 maxFailureWaitSeconds, $8 maxDeltaTimeSeconds, $9 bruteForceStrategy
  const count = "CASE WHEN t.last_failure < now() - make_interval(secs => $8::int) THEN 1 ELSE t.num_failures + 1 END";
  const wait = (n: string) => `(CASE WHEN $9::text = 'LINEAR' THEN $6::int * (1 + (${n}) - $5::int) ELSE $6::int * ((${n}) / $5::int) END)`;
  const until = (n: string, otherwise: string) => `CASE WHEN ${wait(n)} > 0 THEN now() + make_interval(secs => least($7::int, ${wait(n)})) ELSE ${otherwise} END`;
  const { rows } = await db.query<{ remaining: string | null }>(
    `INSERT INTO login_throttles AS t (realm, login_hash, source, num_failures, last_failure, last_ip, blocked_until)
     VALUES ($1, $2, $3, 1, now(), $4, ${until("1", "NULL")})
     ON CONFLICT (realm, login_hash, source) DO UPDATE SET
       num_failures = ${count},
       blocked_until = ${until(count, "t.blocked_until")},
       last_failure = now(),
       last_ip = EXCLUDED.last_ip
     RETURNING ceil(extract(epoch FROM blocked_until - now())) AS remaining`,
    [realm, login, source, ip, policy.failureFactor, policy.waitIncrementSeconds, policy.maxFailureWaitSeconds, policy.maxDeltaTimeSeconds, policy.bruteForceStrategy],
  );
  return remaining(rows[0]?.remaining);
}

/** After a successful sign-in: this source starts afresh for this name; other sources keep their count. */
export async function clearFailure(db: Queryable, realm: string, login: Buffer, source: string): Promise<void> {
  await db.query("DELETE FROM login_throttles WHERE realm = $1 AND login_hash = $2 AND source = $3", [realm, login, source]);
}

/** An admin's "unlock": every source of these login names (a user's username and email) starts afresh. */
export async function clearFailures(db: Queryable, realm: string, logins: Buffer[]): Promise<void> {
  await db.query("DELETE FROM login_throttles WHERE realm = $1 AND login_hash = ANY($2)", [realm, logins]);
}

export interface FailureStatus {
  numFailures: number;
  disabled: boolean;
  lastIPFailure: string;
  lastFailure: number;
}

/**
 * Keycloak's attack-detection representation of a user, over every source of its login names:
 * `numFailures` the most failures of one source, `disabled` whether some source must wait now
 * (the user is never locked out for everyone), the address and time of the latest failure.
 */
export async function failureStatus(db: Queryable, realm: string, logins: Buffer[]): Promise<FailureStatus> {
  const { rows } = await db.query<{ num_failures: number | null; blocked: boolean | null; last_ip: string | null; last_failure_ms: string | null }>(
    `SELECT max(num_failures) AS num_failures, bool_or(blocked_until > now()) AS blocked,
            (array_agg(last_ip ORDER BY last_failure DESC))[1] AS last_ip,
            (extract(epoch FROM max(last_failure)) * 1000)::bigint AS last_failure_ms
       FROM login_throttles WHERE realm = $1 AND login_hash = ANY($2)`,
    [realm, logins],
  );
  const row = rows[0];
  return {
    numFailures: row?.num_failures ?? 0,
    disabled: row?.blocked ?? false,
    lastIPFailure: row?.last_ip ?? "n/a",
    lastFailure: Number(row?.last_failure_ms ?? 0),
  };
}

/** Deletes counts nobody waits on whose failures are older than their realm forgets them after. */
export async function sweepLoginThrottles(db: Queryable, limit = 5_000): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM login_throttles WHERE ctid IN (
       SELECT t.ctid FROM login_throttles t JOIN realms r ON r.name = t.realm
        WHERE t.last_failure < now() - make_interval(secs => r.max_delta_time_seconds)
          AND (t.blocked_until IS NULL OR t.blocked_until < now())
        LIMIT $1)`,
    [limit],
  );
  return rowCount ?? 0;
}
