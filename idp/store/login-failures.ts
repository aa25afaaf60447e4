import type { Queryable } from "@/idp/db";
import type { Realm } from "@/idp/store/realms";

/** Seconds the user must still wait, or 0 when not locked. */
export async function lockRemainingSeconds(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ remaining: string | null }>(
    "SELECT ceil(extract(epoch FROM locked_until - now())) AS remaining FROM login_failures WHERE user_id = $1 AND locked_until > now()",
    [userId],
  );
  return Math.max(0, Number(rows[0]?.remaining ?? 0));
}

/**
 * Counts a failed password and, every `failureFactor` failures, locks the user for
 * `waitIncrementSeconds × (failures / failureFactor)` seconds, at most `maxFailureWaitSeconds`
 * (Keycloak's temporary lockout). Failures older than `maxDeltaTimeSeconds` start the count again.
 * Returns the lock in seconds (0: not locked). One statement, so concurrent failures all count.
 */
export async function recordFailure(db: Queryable, realm: Realm, userId: string, ip: string | null): Promise<number> {
  // $4 failureFactor, $5 waitIncrementSeconds, $6 maxFailureWaitSeconds, $7 maxDeltaTimeSeconds
  const count = "CASE WHEN f.last_failure < now() - make_interval(secs => $7) THEN 1 ELSE f.num_failures + 1 END";
  const lockFor = (n: string) =>
    `CASE WHEN (${n}) % $4::int = 0 THEN now() + make_interval(secs => least($6::int, $5::int * ((${n}) / $4::int))) END`;
  const { rows } = await db.query<{ remaining: string | null }>(
    `INSERT INTO login_failures AS f (user_id, realm, num_failures, last_failure, last_ip, locked_until)
     VALUES ($1, $2, 1, now(), $3, ${lockFor("1")})
     ON CONFLICT (user_id) DO UPDATE SET
       num_failures = ${count},
       locked_until = coalesce(${lockFor(count)}, f.locked_until),
       last_failure = now(),
       last_ip = EXCLUDED.last_ip
     RETURNING ceil(extract(epoch FROM locked_until - now())) AS remaining`,
    [userId, realm.name, ip, realm.failureFactor, realm.waitIncrementSeconds, realm.maxFailureWaitSeconds, realm.maxDeltaTimeSeconds],
  );
  return Math.max(0, Number(rows[0]?.remaining ?? 0));
}

export async function clearFailures(db: Queryable, userId: string): Promise<void> {
  await db.query("DELETE FROM login_failures WHERE user_id = $1", [userId]);
}

export interface FailureStatus {
  numFailures: number;
  disabled: boolean;
  lastIPFailure: string;
  lastFailure: number;
}

/** Keycloak's attack-detection representation of a user. */
export async function failureStatus(db: Queryable, userId: string): Promise<FailureStatus> {
  const { rows } = await db.query<{ num_failures: number; locked: boolean; last_ip: string | null; last_failure_ms: string | null }>(
    `SELECT num_failures, coalesce(locked_until > now(), false) AS locked, last_ip,
            (extract(epoch FROM last_failure) * 1000)::bigint AS last_failure_ms
       FROM login_failures WHERE user_id = $1`,
    [userId],
  );
  const row = rows[0];
  return {
    numFailures: row?.num_failures ?? 0,
    disabled: row?.locked ?? false,
    lastIPFailure: row?.last_ip ?? "n/a",
    lastFailure: Number(row?.last_failure_ms ?? 0),
  };
}
