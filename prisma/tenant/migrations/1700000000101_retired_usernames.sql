-- Up Migration
-- Usernames no user holds any more: given up by a rename or freed by a deletion. App sessions carry
-- the username they signed in with, so a session naming one of these (and no user holding it now)
-- belongs to a user who was renamed or deleted since, and is refused.
CREATE TABLE retired_usernames (
  username text PRIMARY KEY,
  reason text NOT NULL CHECK (reason IN ('renamed', 'deleted')),
  retired_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE retired_usernames;
