-- Up Migration
-- API keys of the tenant. The secret (`ghk_<prefix>_<random>`) is shown once; only its SHA-256 is
-- kept. The prefix is unique and recognisable, so a key is found by it and named in the UI and logs.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  prefix text NOT NULL,
  hash text NOT NULL,
  scopes text[] NOT NULL DEFAULT '{}',
  expires_at timestamptz(6),
  last_used_at timestamptz(6),
  revoked_at timestamptz(6),
  created_by text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT api_keys_prefix_key UNIQUE (prefix),
  CONSTRAINT api_keys_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
  CONSTRAINT api_keys_prefix_format CHECK (prefix ~ '^[a-z2-7]{10}$'),
  CONSTRAINT api_keys_hash_format CHECK (hash ~ '^[0-9a-f]{64}$')
);
-- The quota counts active keys; the list shows the newest first.
CREATE INDEX api_keys_active_idx ON api_keys (created_at DESC) WHERE revoked_at IS NULL;

-- Down Migration
DROP TABLE api_keys;
