-- Up Migration
-- Usernames compare in byte order whatever the cluster's collation, so a prefix is an index range
-- of the unique index (the users list searches by username prefix in username order).
ALTER TABLE memberships DROP CONSTRAINT memberships_username_fkey;
ALTER TABLE users ALTER COLUMN username TYPE text COLLATE "C";
ALTER TABLE memberships ALTER COLUMN username TYPE text COLLATE "C";
ALTER TABLE memberships ADD CONSTRAINT memberships_username_fkey FOREIGN KEY (username) REFERENCES users (username) ON UPDATE CASCADE ON DELETE CASCADE;
-- The unique index now serves prefix ranges itself.
DROP INDEX users_username_prefix_idx;
-- Users waiting for or failing identity sync, without scanning the synced majority.
CREATE INDEX users_unsynced_idx ON users (username) WHERE provisioning_state <> 'synced';

-- Down Migration
DROP INDEX users_unsynced_idx;
CREATE INDEX users_username_prefix_idx ON users (username text_pattern_ops);
ALTER TABLE memberships DROP CONSTRAINT memberships_username_fkey;
ALTER TABLE memberships ALTER COLUMN username TYPE text COLLATE "default";
ALTER TABLE users ALTER COLUMN username TYPE text COLLATE "default";
ALTER TABLE memberships ADD CONSTRAINT memberships_username_fkey FOREIGN KEY (username) REFERENCES users (username) ON UPDATE CASCADE ON DELETE CASCADE;
