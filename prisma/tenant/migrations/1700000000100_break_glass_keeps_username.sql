-- Up Migration
-- The platform knows a tenant's break-glass admin by its username (initial credential, access
-- rules): renames are refused for it here as well as by the server.
CREATE FUNCTION refuse_break_glass_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.is_break_glass AND NEW.username IS DISTINCT FROM OLD.username THEN
    RAISE EXCEPTION 'the break-glass admin cannot be renamed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER users_break_glass_keeps_username BEFORE UPDATE OF username ON users FOR EACH ROW EXECUTE FUNCTION refuse_break_glass_rename();

-- Down Migration
DROP TRIGGER users_break_glass_keeps_username ON users;
DROP FUNCTION refuse_break_glass_rename();
