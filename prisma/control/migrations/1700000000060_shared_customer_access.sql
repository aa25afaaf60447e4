-- Up Migration
-- The billing system's switch for a shared customer: it disables that customer's organization in
-- the shared cloud tenant (a dedicated customer's tenant has its own switch on `tenants`).
ALTER TABLE customers ADD COLUMN access_disabled_at timestamptz(6), ADD COLUMN access_disabled_reason text;

-- Down Migration
ALTER TABLE customers DROP COLUMN access_disabled_at, DROP COLUMN access_disabled_reason;
