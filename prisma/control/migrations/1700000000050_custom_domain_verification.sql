-- Up Migration

-- Custom domains are claimed by a tenant admin and proven by a DNS TXT record holding a per-domain
-- token. Rows that existed before (added by hand) get a token too, so every row can be verified.
ALTER TABLE tenant_domains
  ADD COLUMN verification_token text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
  ADD COLUMN created_by text,
  ADD COLUMN last_checked_at timestamptz(6),
  ADD COLUMN last_error text,
  ADD COLUMN check_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_check_at timestamptz(6);

-- The background job's queue: pending domains whose next check is due, soonest first.
CREATE INDEX tenant_domains_next_check_idx ON tenant_domains (next_check_at) WHERE verified_at IS NULL AND next_check_at IS NOT NULL;

-- Down Migration
DROP INDEX tenant_domains_next_check_idx;
ALTER TABLE tenant_domains
  DROP COLUMN next_check_at,
  DROP COLUMN check_attempts,
  DROP COLUMN last_error,
  DROP COLUMN last_checked_at,
  DROP COLUMN created_by,
  DROP COLUMN verification_token;
