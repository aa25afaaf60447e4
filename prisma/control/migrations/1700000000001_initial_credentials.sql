-- Up Migration
-- The one-time initial password of a tenant's first admin (the break-glass admin), sealed with a key
-- derived from GATEHOUSE_SECRET_KEY for that tenant, until the superadmin reveals it once.
CREATE TABLE tenant_initial_credentials (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE,
  username text NOT NULL,
  sealed_password text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  revealed_at timestamptz(6),
  CONSTRAINT tenant_initial_credentials_sealed_until_revealed CHECK ((sealed_password IS NULL) = (revealed_at IS NOT NULL))
);

-- Down Migration
DROP TABLE tenant_initial_credentials;
