-- Up Migration

-- A lifecycle change that switches the tenant's realm on or off records its attempt here before it
-- calls the identity server, and commits the new status only for that attempt (compare-and-set).
-- An attempt left behind by a process that died is found by the next lifecycle change, which
-- first brings the realm back in line with the committed status.
ALTER TABLE tenants
  ADD COLUMN realm_switch_attempt uuid,
  ADD COLUMN realm_switch_started_at timestamptz(6);

-- Leases: background work that one app process at a time does (the login-event import). The
-- holder renews before expires_at; a holder that died is replaced once its lease has expired.
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  acquired_at timestamptz(6) NOT NULL DEFAULT now(),
  expires_at timestamptz(6) NOT NULL
);

-- When each tenant's realm is next polled for login events (lib/audit/login-import-job.ts): soon
-- after activity, ever later while it stays idle. A tenant without a row is polled at once.
CREATE TABLE login_import_schedule (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  next_poll_at timestamptz(6) NOT NULL,
  idle_polls integer NOT NULL DEFAULT 0,
  last_polled_at timestamptz(6),
  last_event_at timestamptz(6)
);
CREATE INDEX login_import_schedule_next_poll_idx ON login_import_schedule (next_poll_at);

-- Down Migration
DROP TABLE login_import_schedule;
DROP TABLE leases;
ALTER TABLE tenants
  DROP COLUMN realm_switch_started_at,
  DROP COLUMN realm_switch_attempt;
