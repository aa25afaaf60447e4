-- Up Migration
-- Users are kept in step with the tenant's identity realm: its user id, the sync state and its last error.
ALTER TABLE users
  ADD COLUMN identity_id text,
  ADD COLUMN is_break_glass boolean NOT NULL DEFAULT false,
  ADD COLUMN sync_error text,
  ADD CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,62}$'),
  ADD CONSTRAINT users_provisioning_state_check CHECK (provisioning_state IN ('pending', 'synced', 'failed'));
CREATE UNIQUE INDEX users_identity_id_key ON users (identity_id) WHERE identity_id IS NOT NULL;
-- Prefix search over username, email and names, and keyset pagination by username.
CREATE INDEX users_email_prefix_idx ON users (lower(email) text_pattern_ops);
CREATE INDEX users_first_name_prefix_idx ON users (lower(first_name) text_pattern_ops);
CREATE INDEX users_last_name_prefix_idx ON users (lower(last_name) text_pattern_ops);
CREATE INDEX users_username_prefix_idx ON users (username text_pattern_ops);

-- The break-glass admin can be disabled but never deleted, whoever asks.
CREATE FUNCTION refuse_break_glass_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.is_break_glass THEN
    RAISE EXCEPTION 'the break-glass admin cannot be deleted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER users_keep_break_glass BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION refuse_break_glass_delete();

ALTER TABLE org_units
  ADD CONSTRAINT org_units_identifier_format CHECK (identifier ~ '^[a-z0-9][a-z0-9_-]{0,62}$');

-- Down Migration
ALTER TABLE org_units DROP CONSTRAINT org_units_identifier_format;
DROP TRIGGER users_keep_break_glass ON users;
DROP FUNCTION refuse_break_glass_delete();
DROP INDEX users_username_prefix_idx;
DROP INDEX users_last_name_prefix_idx;
DROP INDEX users_first_name_prefix_idx;
DROP INDEX users_email_prefix_idx;
DROP INDEX users_identity_id_key;
ALTER TABLE users
  DROP CONSTRAINT users_provisioning_state_check,
  DROP CONSTRAINT users_username_format,
  DROP COLUMN sync_error,
  DROP COLUMN is_break_glass,
  DROP COLUMN identity_id;
