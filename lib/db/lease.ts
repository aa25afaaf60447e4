import { controlDb } from "@/lib/db/control";

// Leases in the control database (table `leases`): background work that one app process at a
// time does. The holder renews its lease before it expires; a holder that died stops renewing
// and, once its lease has expired, the next process to ask takes it over. Times come from the
// database's clock, so the processes' clocks need not agree.

/**
 * Takes the lease `name` for `holder` for `ttlMs`, or renews it if `holder` has it already.
 * Returns false while another holder's lease is unexpired. Atomic: of processes asking at once,
 * exactly one gets a free or expired lease.
 */
export async function acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await controlDb().$queryRaw<{ holder: string }[]>`
    INSERT INTO leases (name, holder, acquired_at, expires_at)
    VALUES (${name}, ${holder}, now(), now() + make_interval(secs => ${ttlMs / 1000}))
    ON CONFLICT (name) DO UPDATE
      SET holder = EXCLUDED.holder,
          expires_at = EXCLUDED.expires_at,
          acquired_at = CASE WHEN leases.holder = EXCLUDED.holder THEN leases.acquired_at ELSE now() END
      WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= now()
    RETURNING holder`;
  return rows.length === 1;
}

/** Gives the lease up, if `holder` has it, so another process need not wait for it to expire. */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await controlDb().lease.deleteMany({ where: { name, holder } });
}

/** Who holds the lease now (null: nobody, or expired). */
export async function leaseHolder(name: string): Promise<string | null> {
  const [row] = await controlDb().$queryRaw<{ holder: string }[]>`SELECT holder FROM leases WHERE name = ${name} AND expires_at > now()`;
  return row?.holder ?? null;
}
