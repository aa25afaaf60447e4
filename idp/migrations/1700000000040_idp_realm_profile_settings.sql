-- Up Migration

-- Realm settings Gatehouse sets on Keycloak and the embedded server keeps alike:
-- `editUsernameAllowed` (off by default, as in Keycloak: an admin's username change is ignored),
-- `loginTheme` (stored; the embedded server has one look of its own), and the user profile
-- configuration of GET/PUT /admin/realms/{realm}/users/profile (stored and returned), and
-- `notBefore` (epoch seconds; tokens issued earlier are refused — Keycloak's "revocation").
ALTER TABLE realms
  ADD COLUMN not_before integer NOT NULL DEFAULT 0,
  ADD COLUMN edit_username_allowed boolean NOT NULL DEFAULT false,
  ADD COLUMN login_theme text,
  ADD COLUMN user_profile jsonb;

-- Down Migration
ALTER TABLE realms DROP COLUMN not_before, DROP COLUMN edit_username_allowed, DROP COLUMN login_theme, DROP COLUMN user_profile;
