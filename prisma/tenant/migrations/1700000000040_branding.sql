-- Up Migration
-- The workspace's branding: one row. The logo and favicon bytes live in the tenant's own database
-- (at most 512 KiB and 64 KiB): they are saved in the same transaction as the settings and their
-- audit event, travel with the tenant's database (dedicated clusters, backups, purge) and need no
-- disk shared between app processes. `realm_sync_state` says whether the realm's login page has
-- caught up (database first, then realm; a failure is shown and retried).
CREATE TABLE branding (
  id boolean PRIMARY KEY DEFAULT true CONSTRAINT branding_single_row CHECK (id),
  organization_name text,
  tagline text,
  primary_color text CONSTRAINT branding_primary_color_hex CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
  realm_sync_state text NOT NULL DEFAULT 'synced' CONSTRAINT branding_realm_sync_state CHECK (realm_sync_state IN ('pending', 'synced', 'failed')),
  realm_sync_error text,
  updated_at timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE branding_assets (
  kind text PRIMARY KEY CONSTRAINT branding_assets_kind CHECK (kind IN ('logo', 'favicon')),
  content_type text NOT NULL,
  -- SHA-256 (hex) of the bytes: the cache-busting part of the asset's URL.
  sha256 text NOT NULL,
  size integer NOT NULL,
  bytes bytea NOT NULL,
  updated_at timestamptz(6) NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE branding_assets;
DROP TABLE branding;
