-- Up Migration

-- Verified custom domains are checked again periodically: a domain whose TXT record disappears
-- (e.g. the domain changed hands) loses its verification after a grace period.
ALTER TABLE tenant_domains
  ADD COLUMN last_success_at timestamptz(6),
  ADD COLUMN failing_since timestamptz(6),
  ADD COLUMN failed_rechecks integer NOT NULL DEFAULT 0,
  ADD COLUMN unverified_at timestamptz(6);

-- Domains verified before re-checks existed: their verification is their last success, and their
-- first re-check is spread over the next day so they are not all checked at once.
UPDATE tenant_domains
  SET last_success_at = verified_at,
      next_check_at = now() + random() * interval '1 day'
  WHERE verified_at IS NOT NULL;

-- The background job's queue now holds verified domains too (their next re-check).
DROP INDEX tenant_domains_next_check_idx;
CREATE INDEX tenant_domains_next_check_idx ON tenant_domains (next_check_at) WHERE next_check_at IS NOT NULL;

-- Down Migration
DROP INDEX tenant_domains_next_check_idx;
CREATE INDEX tenant_domains_next_check_idx ON tenant_domains (next_check_at) WHERE verified_at IS NULL AND next_check_at IS NOT NULL;
UPDATE tenant_domains SET next_check_at = NULL WHERE verified_at IS NOT NULL;
ALTER TABLE tenant_domains
  DROP COLUMN unverified_at,
  DROP COLUMN failed_rechecks,
  DROP COLUMN failing_since,
  DROP COLUMN last_success_at;
