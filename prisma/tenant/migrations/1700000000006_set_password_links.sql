-- Up Migration
-- Single-use links with which a user chooses their own password. Only the SHA-256 of the token is
-- kept; a newer link for the same user supersedes the older ones; a used link stays as a record
-- (so its page can say it was used) until the user is deleted.
CREATE TABLE set_password_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  expires_at timestamptz(6) NOT NULL,
  used_at timestamptz(6),
  superseded_at timestamptz(6),
  created_by text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT set_password_links_token_hash_key UNIQUE (token_hash),
  CONSTRAINT set_password_links_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$')
);
-- At most one open link per user: issuing a new one closes the old one first.
CREATE UNIQUE INDEX set_password_links_one_open_idx ON set_password_links (user_id) WHERE used_at IS NULL AND superseded_at IS NULL;

-- Down Migration
DROP TABLE set_password_links;
