-- Up Migration
-- Lifecycle bookkeeping of a tenant: why and when its status last changed, the deletion's
-- retention deadline and the status a restore returns to, and the purge's outcome.
ALTER TABLE tenants
  ADD COLUMN status_reason text,
  ADD COLUMN status_changed_at timestamptz(6),
  ADD COLUMN deleted_at timestamptz(6),
  ADD COLUMN status_before_deletion "TenantStatus",
  ADD COLUMN purge_after timestamptz(6),
  ADD COLUMN purged_at timestamptz(6),
  -- On purge the key is moved aside (to purged-<id>) so it can be reused; the original stays here.
  ADD COLUMN purged_key text,
  ADD CONSTRAINT tenants_deletion_recorded CHECK (status <> 'deleted' OR (deleted_at IS NOT NULL AND purge_after IS NOT NULL)),
  ADD CONSTRAINT tenants_purged_only_deleted CHECK (purged_at IS NULL OR status = 'deleted');
-- The controller's purge queue: deleted tenants whose retention has run out.
CREATE INDEX tenants_purge_due_idx ON tenants (purge_after) WHERE status = 'deleted' AND purged_at IS NULL;

-- Per-tenant quota overrides; a null column means "the platform default" (GATEHOUSE_QUOTA_*).
CREATE TABLE tenant_quotas (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE,
  users integer CHECK (users >= 0),
  org_units integer CHECK (org_units >= 0),
  memberships integer CHECK (memberships >= 0),
  api_keys integer CHECK (api_keys >= 0),
  updated_at timestamptz(6) NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE tenant_quotas;
DROP INDEX tenants_purge_due_idx;
ALTER TABLE tenants
  DROP CONSTRAINT tenants_purged_only_deleted,
  DROP CONSTRAINT tenants_deletion_recorded,
  DROP COLUMN purged_key,
  DROP COLUMN purged_at,
  DROP COLUMN purge_after,
  DROP COLUMN status_before_deletion,
  DROP COLUMN deleted_at,
  DROP COLUMN status_changed_at,
  DROP COLUMN status_reason;
