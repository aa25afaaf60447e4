// When the background job checks a custom domain's DNS again (pending: to verify it; verified: to keep it verified). Pure.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every minute during the first hour after the domain was added, then hourly. */
export const FAST_PHASE_MS = HOUR;
/** After this long without a successful check, automatic checks stop ("Verify now" still works). */
export const GIVE_UP_AFTER_MS = 72 * HOUR;

/** The next automatic check after one at `now`, or null when the domain has waited long enough. */
export function nextCheckAt(addedAt: Date, now: Date): Date | null {
  const age = now.getTime() - addedAt.getTime();
  if (age >= GIVE_UP_AFTER_MS) return null;
  const next = new Date(now.getTime() + (age < FAST_PHASE_MS ? MINUTE : HOUR));
  return next.getTime() - addedAt.getTime() > GIVE_UP_AFTER_MS ? new Date(addedAt.getTime() + GIVE_UP_AFTER_MS) : next;
}

/** When verified domains are checked again and when a missing record costs the verification. */
export interface RecheckPolicy {
  /** Between re-checks of a healthy domain (0: never re-checked). */
  intervalMs: number;
  /** The record must be missing or wrong for at least this long… */
  graceMs: number;
  /** …and on at least this many consecutive re-checks. */
  failuresBeforeUnverify: number;
}

/** Re-checks of a failing domain come at most this far apart, so the grace period is observed closely. */
export const FAILING_RECHECK_MS = HOUR;
const SPREAD = 0.1;

/**
 * The next re-check of a verified domain after one at `now`: a healthy one after the interval
 * ±10 % (so domains verified together drift apart), a failing one within the hour. Null: none.
 */
export function nextRecheckAt(now: Date, failing: boolean, policy: RecheckPolicy, random: () => number = Math.random): Date | null {
  if (policy.intervalMs === 0) return null;
  if (failing) return new Date(now.getTime() + Math.min(policy.intervalMs, FAILING_RECHECK_MS));
  const spread = policy.intervalMs * SPREAD * (2 * random() - 1);
  return new Date(now.getTime() + Math.round(policy.intervalMs + spread));
}

/** A verified domain whose record has been missing or wrong past the grace period and the failure count. */
export function graceExhausted(failingSince: Date, failedRechecks: number, now: Date, policy: RecheckPolicy): boolean {
  return failedRechecks >= policy.failuresBeforeUnverify && now.getTime() - failingSince.getTime() >= policy.graceMs;
}
