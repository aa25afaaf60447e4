-- Up Migration
CREATE TYPE "CustomerKind" AS ENUM ('individual', 'business');
CREATE TYPE "Tenancy" AS ENUM ('dedicated', 'shared');
CREATE TYPE "VerificationStatus" AS ENUM ('pending', 'partial', 'completed', 'rekyc_due');
CREATE TYPE "PaymentStanding" AS ENUM ('current', 'grace', 'overdue');
CREATE TYPE "TenantKind" AS ENUM ('root', 'shared_cloud', 'dedicated');
CREATE TYPE "TenantStatus" AS ENUM ('provisioning', 'active', 'suspended', 'archived', 'deleted');
CREATE TYPE "StepStatus" AS ENUM ('pending', 'running', 'done', 'failed');

CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind "CustomerKind" NOT NULL,
  legal_name text NOT NULL,
  display_name text NOT NULL,
  pan text,
  tan text,
  gstin text,
  address_line1 text NOT NULL,
  address_line2 text,
  city text NOT NULL,
  state text NOT NULL,
  postal_code text NOT NULL,
  country text NOT NULL,
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  contact_phone text NOT NULL,
  tenancy "Tenancy" NOT NULL,
  verification_status "VerificationStatus" NOT NULL DEFAULT 'pending',
  verification_references text[] NOT NULL DEFAULT '{}',
  payment_standing "PaymentStanding" NOT NULL DEFAULT 'current',
  is_root boolean NOT NULL DEFAULT false,
  shared_tenant_id uuid,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now()
);
-- Exactly one root customer.
CREATE UNIQUE INDEX customers_single_root ON customers (is_root) WHERE is_root;
CREATE INDEX customers_display_name_idx ON customers (lower(display_name) text_pattern_ops);

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL,
  display_name text NOT NULL,
  kind "TenantKind" NOT NULL,
  status "TenantStatus" NOT NULL DEFAULT 'provisioning',
  customer_id uuid NOT NULL REFERENCES customers (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  database_name text NOT NULL,
  database_url text,
  -- Last tenant migration applied to this tenant's database.
  schema_version text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  activated_at timestamptz(6),
  CONSTRAINT tenants_key_key UNIQUE (key),
  CONSTRAINT tenants_database_name_key UNIQUE (database_name),
  CONSTRAINT tenants_key_format CHECK (key ~ '^[a-z0-9]([a-z0-9-]{1,38})[a-z0-9]$')
);
-- Only one root and one shared cloud tenant.
CREATE UNIQUE INDEX tenants_single_root ON tenants (kind) WHERE kind IN ('root', 'shared_cloud');
CREATE INDEX tenants_customer_id_idx ON tenants (customer_id);
CREATE INDEX tenants_display_name_idx ON tenants (lower(display_name) text_pattern_ops);
CREATE INDEX tenants_created_at_idx ON tenants (created_at DESC, id DESC);

ALTER TABLE customers
  ADD CONSTRAINT customers_shared_tenant_id_fkey FOREIGN KEY (shared_tenant_id)
  REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE SET NULL;

CREATE TABLE provisioning_steps (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE,
  step text NOT NULL,
  position integer NOT NULL,
  status "StepStatus" NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  started_at timestamptz(6),
  done_at timestamptz(6),
  last_error text,
  next_attempt_at timestamptz(6),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, step)
);
-- The controller's work queue: steps that are not done.
CREATE INDEX provisioning_steps_open_idx ON provisioning_steps (tenant_id) WHERE status <> 'done';

CREATE TABLE tenant_domains (
  hostname text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON UPDATE CASCADE ON DELETE CASCADE,
  verified_at timestamptz(6),
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT tenant_domains_lowercase CHECK (hostname = lower(hostname))
);
CREATE INDEX tenant_domains_tenant_id_idx ON tenant_domains (tenant_id);

CREATE TABLE platform_audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz(6) NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  tenant_id uuid,
  ip text,
  user_agent text,
  before jsonb,
  after jsonb
);
CREATE INDEX platform_audit_events_resource_type_resource_id_idx ON platform_audit_events (resource_type, resource_id);

-- Down Migration
DROP TABLE platform_audit_events;
DROP TABLE tenant_domains;
DROP TABLE provisioning_steps;
ALTER TABLE customers DROP CONSTRAINT customers_shared_tenant_id_fkey;
DROP TABLE tenants;
DROP TABLE customers;
DROP TYPE "StepStatus";
DROP TYPE "TenantStatus";
DROP TYPE "TenantKind";
DROP TYPE "PaymentStanding";
DROP TYPE "VerificationStatus";
DROP TYPE "Tenancy";
DROP TYPE "CustomerKind";
