-- Up Migration
-- One email, one user. The identity realm keeps email addresses unique (case-insensitively): a
-- second user with an address another user has was stored here, then refused by the realm and
-- left `failed` for good. The tenant database now keeps the same rule, so such a user is refused
-- before anything is written (lib/users/commands.ts answers `conflict` on `email`).
--
-- A database from before this rule may already hold duplicates. Rather than fail the upgrade of
-- the whole fleet, this migration settles them: of each set of users sharing an address (compared
-- with lower(), as the index does), the address stays with the one the realm most likely has it
-- for — the synced one, else the oldest (then the lowest id) — and is cleared on the others. Each
-- cleared address is recorded as a `user.email_cleared` audit event (before: the address, after:
-- who kept it), so an admin can see whom it concerned and give them an address of their own. Those
-- users were, as a rule, `failed` because the realm refused the address; their next sync succeeds.
-- The clearing cannot be undone by the down migration (the audit events keep what was cleared).
WITH ranked AS (
  SELECT id, username, email,
         first_value(username) OVER same_address AS kept_by,
         row_number() OVER same_address AS rank
  FROM users
  WHERE email IS NOT NULL
  WINDOW same_address AS (PARTITION BY lower(email) ORDER BY (provisioning_state = 'synced') DESC, created_at, id)
),
cleared AS (
  UPDATE users SET email = NULL, updated_at = now()
  FROM ranked
  WHERE users.id = ranked.id AND ranked.rank > 1
  RETURNING users.username, ranked.email, ranked.kept_by
)
INSERT INTO audit_events (actor, action, resource_type, resource_id, before, after)
SELECT 'system/migration', 'user.email_cleared', 'user', username,
       jsonb_build_object('email', email),
       jsonb_build_object('email', NULL, 'keptBy', kept_by, 'reason', 'Another user of this workspace has this email address; emails are unique per workspace.')
FROM cleared;

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email)) WHERE email IS NOT NULL;

-- Down Migration
DROP INDEX users_email_lower_key;
