-- Up Migration
-- Verification (KYC/KYB) and payment standing: when each last changed (the grace period counts from
-- there), the verification notes, and a history of every change.
ALTER TABLE customers
  ADD COLUMN verification_notes text,
  ADD COLUMN verification_changed_at timestamptz(6) NOT NULL DEFAULT now(),
  ADD COLUMN payment_standing_changed_at timestamptz(6) NOT NULL DEFAULT now();

CREATE TABLE customer_standing_changes (
  id bigserial PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id) ON UPDATE CASCADE ON DELETE CASCADE,
  -- 'verification' or 'payment'
  aspect text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text,
  "references" text[] NOT NULL DEFAULT '{}',
  actor text NOT NULL,
  occurred_at timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT customer_standing_changes_aspect CHECK (aspect IN ('verification', 'payment'))
);
CREATE INDEX customer_standing_changes_customer_idx ON customer_standing_changes (customer_id, occurred_at DESC, id DESC);

-- The billing system's tenant-wide access switch (separate from the lifecycle status), and the
-- superadmin's explicit permission for the break-glass admin to sign in despite the standing.
ALTER TABLE tenants
  ADD COLUMN access_disabled_at timestamptz(6),
  ADD COLUMN access_disabled_reason text,
  ADD COLUMN breakglass_exempt boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT tenants_access_disabled_reason CHECK ((access_disabled_at IS NULL) = (access_disabled_reason IS NULL));

-- Down Migration
ALTER TABLE tenants
  DROP CONSTRAINT tenants_access_disabled_reason,
  DROP COLUMN breakglass_exempt,
  DROP COLUMN access_disabled_reason,
  DROP COLUMN access_disabled_at;
DROP TABLE customer_standing_changes;
ALTER TABLE customers
  DROP COLUMN payment_standing_changed_at,
  DROP COLUMN verification_changed_at,
  DROP COLUMN verification_notes;
