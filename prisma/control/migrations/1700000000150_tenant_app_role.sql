-- Up Migration
-- The database role the tenant database's grants were last given to (lib/db/app-role.ts). When
-- the app's role is configured for the first time, or changes, the controller migrates the fleet
-- again, which grants it.
ALTER TABLE tenants ADD COLUMN app_role text;

-- Down Migration
ALTER TABLE tenants DROP COLUMN app_role;
