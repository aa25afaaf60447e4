-- Up Migration
-- The user's tenant-wide role (a realm role: tenant-admin, auditor or member), kept here first and
-- then in the realm like every other user change. NULL for users from before this column: their
-- role is whatever the realm says (it is set here the first time an admin changes it).
ALTER TABLE users ADD COLUMN tenant_role text;
UPDATE users SET tenant_role = 'tenant-admin' WHERE is_break_glass;
ALTER TABLE users
  ADD CONSTRAINT users_tenant_role_known CHECK (tenant_role IN ('tenant-admin', 'auditor', 'member')),
  -- The customer's way back in must stay an administrator.
  ADD CONSTRAINT users_break_glass_is_admin CHECK (NOT is_break_glass OR tenant_role = 'tenant-admin');

-- Down Migration
ALTER TABLE users DROP CONSTRAINT users_break_glass_is_admin, DROP CONSTRAINT users_tenant_role_known, DROP COLUMN tenant_role;
