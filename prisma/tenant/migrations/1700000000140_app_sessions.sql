-- Up Migration
-- One row per sign-in to the app. The session cookie names its row (`sid`); every request checks
-- the row is still open, so signing out, "sign out everywhere", disabling the user or changing
-- their password or role ends a session on the server, whoever holds a copy of the cookie.
CREATE TABLE app_sessions (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_reason text CHECK (ended_reason IN ('signed_out', 'signed_out_everywhere', 'revoked_by_admin', 'user_disabled', 'password_changed', 'role_changed', 'user_renamed', 'user_deleted')),
  ip text,
  user_agent text
);
CREATE INDEX app_sessions_by_user ON app_sessions (username, created_at DESC);

-- Down Migration
DROP TABLE app_sessions;
