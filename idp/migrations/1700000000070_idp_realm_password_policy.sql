-- Up Migration

-- Keycloak's realm `passwordPolicy` (e.g. `length(10) and maxLength(200)`), checked wherever the
-- embedded server sets a password (idp/auth/password-policy.ts). Null: never set, Gatehouse's rule.
ALTER TABLE realms ADD COLUMN password_policy text;

-- Down Migration
ALTER TABLE realms DROP COLUMN password_policy;
