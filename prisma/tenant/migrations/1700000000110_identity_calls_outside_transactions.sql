-- Up Migration
-- The identity server is never called inside a transaction (lib/db/session-lock.ts). What used to
-- be guarded by a row lock held across the call is now an intent recorded before it and an
-- outcome recorded after it, compare-and-set.

-- A set-password link is claimed (claim_id, claimed_at) in a short transaction before the password
-- goes to the identity server; the outcome is committed only for that claim. interrupted_at: the
-- identity server's answer never came (a timeout, a crash), so whether the password was set is
-- unknown and the link is spent — it is never used twice.
ALTER TABLE set_password_links
  ADD COLUMN claim_id uuid,
  ADD COLUMN claimed_at timestamptz(6),
  ADD COLUMN interrupted_at timestamptz(6);

-- Every branding save counts up; a push to the realm records its outcome only for the version it sent.
ALTER TABLE branding ADD COLUMN version integer NOT NULL DEFAULT 0;

-- Down Migration
ALTER TABLE branding DROP COLUMN version;
ALTER TABLE set_password_links
  DROP COLUMN interrupted_at,
  DROP COLUMN claimed_at,
  DROP COLUMN claim_id;
