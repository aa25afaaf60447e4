-- Up Migration
CREATE TYPE "MembershipRole" AS ENUM ('admin', 'default', 'auditor');

CREATE TABLE tenant_meta (
  tenant_id uuid PRIMARY KEY,
  tenant_key text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  email text,
  first_name text,
  last_name text,
  enabled boolean NOT NULL DEFAULT true,
  provisioning_state text NOT NULL DEFAULT 'pending',
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE org_units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  identifier text NOT NULL,
  name text NOT NULL,
  description text,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT org_units_identifier_key UNIQUE (identifier)
);

CREATE TABLE memberships (
  username text NOT NULL REFERENCES users (username) ON UPDATE CASCADE ON DELETE CASCADE,
  org_unit_id uuid NOT NULL REFERENCES org_units (id) ON UPDATE CASCADE ON DELETE CASCADE,
  role "MembershipRole" NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (username, org_unit_id)
);
CREATE INDEX memberships_org_unit_id_idx ON memberships (org_unit_id);

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz(6) NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  ip text,
  user_agent text,
  before jsonb,
  after jsonb
);

-- Down Migration
DROP TABLE audit_events;
DROP TABLE memberships;
DROP TABLE org_units;
DROP TABLE users;
DROP TABLE tenant_meta;
DROP TYPE "MembershipRole";
