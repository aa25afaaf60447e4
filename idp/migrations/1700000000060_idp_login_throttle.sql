-- Up Migration

-- Failed sign-ins are counted per (realm, login name as typed, client address) instead of per
-- user: a wait after repeated failures holds back that address for that name only, so nobody can
-- lock a user out from elsewhere, and unknown names are counted exactly like known ones (a wait
-- tells nothing about whether the name exists). `login_hash` is SHA-256 of the trimmed,
-- lower-cased name, so a password typed into the username field is not kept. `source` is the
-- address the count is kept for (an IPv4 address, an IPv6 /64, or "unknown"); `last_ip` the
-- address of the last failure, as the attack-detection API reports it.
DROP TABLE login_failures;

CREATE TABLE login_throttles (
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  login_hash bytea NOT NULL,
  source text NOT NULL,
  num_failures integer NOT NULL,
  last_failure timestamptz NOT NULL,
  last_ip text,
  blocked_until timestamptz,
  PRIMARY KEY (realm, login_hash, source)
);
CREATE INDEX login_throttles_last_failure_idx ON login_throttles (last_failure);

-- Keycloak's `bruteForceStrategy`: how the wait grows once `failureFactor` failures are reached.
-- MULTIPLE (Keycloak's default): waitIncrementSeconds × ⌊failures / failureFactor⌋;
-- LINEAR: waitIncrementSeconds × (1 + failures − failureFactor). Both capped at maxFailureWaitSeconds.
ALTER TABLE realms ADD COLUMN brute_force_strategy text NOT NULL DEFAULT 'MULTIPLE' CHECK (brute_force_strategy IN ('MULTIPLE', 'LINEAR'));

-- Down Migration
ALTER TABLE realms DROP COLUMN brute_force_strategy;
DROP TABLE login_throttles;
CREATE TABLE login_failures (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  num_failures integer NOT NULL DEFAULT 0,
  last_failure timestamptz,
  last_ip text,
  locked_until timestamptz
);
