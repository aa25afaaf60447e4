-- Up Migration

-- A client's service account (Keycloak's `service-account-<clientId>` user): the user its
-- client-credentials tokens act as (`sub`), whose roles they carry. It has no password.
ALTER TABLE users ADD COLUMN service_account_client_id uuid UNIQUE REFERENCES clients (id) ON DELETE CASCADE;

-- Down Migration
ALTER TABLE users DROP COLUMN service_account_client_id;
