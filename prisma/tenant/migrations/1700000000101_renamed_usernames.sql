-- Up Migration
-- Usernames given up by a rename. Sessions carry the username they signed in with: one of these
-- names that no user holds now belongs to a session from before the rename, which is refused.
CREATE TABLE renamed_usernames (
  username text PRIMARY KEY,
  renamed_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE renamed_usernames;
