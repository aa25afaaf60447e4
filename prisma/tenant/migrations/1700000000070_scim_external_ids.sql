-- Up Migration
-- The identifier a SCIM client (Okta, Microsoft Entra ID) gives a user or group in its own
-- directory. Kept as sent and returned on every read; clients look resources up by it.
ALTER TABLE users ADD COLUMN external_id text;
ALTER TABLE org_units ADD COLUMN external_id text;
CREATE INDEX users_external_id_idx ON users (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX org_units_external_id_idx ON org_units (external_id) WHERE external_id IS NOT NULL;
-- SCIM lists page by creation order (stable while a client pages through).
CREATE INDEX users_created_at_idx ON users (created_at, id);
CREATE INDEX org_units_created_at_idx ON org_units (created_at, id);

-- Down Migration
DROP INDEX org_units_created_at_idx;
DROP INDEX users_created_at_idx;
DROP INDEX org_units_external_id_idx;
DROP INDEX users_external_id_idx;
ALTER TABLE org_units DROP COLUMN external_id;
ALTER TABLE users DROP COLUMN external_id;
