-- Up Migration
-- Organizations of the shared cloud tenant: one per shared customer (linked by the control plane's
-- customer id), members are users of the cloud realm, joining only by invitation. In every other
-- tenant's database these tables stay empty.
CREATE TYPE "OrganizationRole" AS ENUM ('admin', 'member');

CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL,
  slug text NOT NULL,
  name text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT organizations_customer_id_key UNIQUE (customer_id),
  CONSTRAINT organizations_slug_key UNIQUE (slug)
);

CREATE TABLE organization_members (
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE ON UPDATE CASCADE,
  role "OrganizationRole" NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, username)
);
CREATE INDEX organization_members_username_idx ON organization_members (username);

-- Only the SHA-256 of the token is kept; re-sending replaces the hash, so the older link stops working.
CREATE TABLE organization_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email text NOT NULL,
  role "OrganizationRole" NOT NULL,
  token_hash text NOT NULL,
  expires_at timestamptz(6) NOT NULL,
  accepted_at timestamptz(6),
  accepted_by text,
  revoked_at timestamptz(6),
  created_by text NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT organization_invitations_token_hash_key UNIQUE (token_hash),
  CONSTRAINT organization_invitations_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX organization_invitations_organization_id_idx ON organization_invitations (organization_id, created_at);
-- One open invitation per address and organization (re-send it instead), also when two admins race.
CREATE UNIQUE INDEX organization_invitations_one_open_idx ON organization_invitations (organization_id, lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- Down Migration
DROP TABLE organization_invitations;
DROP TABLE organization_members;
DROP TABLE organizations;
DROP TYPE "OrganizationRole";
