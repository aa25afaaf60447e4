-- Up Migration

-- Keycloak's user events (LOGIN, LOGIN_ERROR, …) per realm, read through
-- GET /admin/realms/{realm}/events. `time` is epoch milliseconds, as Keycloak reports it.
CREATE TABLE events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  time bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
  type text NOT NULL,
  client_id text,
  user_id text,
  session_id text,
  ip_address text,
  error text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_realm_time_idx ON events (realm, time, id);

-- Down Migration
DROP TABLE events;
