// When the background job checks a pending custom domain's DNS again. Pure.

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
