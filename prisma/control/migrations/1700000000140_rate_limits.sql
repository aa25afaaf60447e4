-- Up Migration
-- Request counters of the rate limits (lib/rate-limits), shared by every app process: one row per
-- limited key (policy, tenant and caller or client address) with the points used in its window
-- and when the window ends (ms since the epoch). The layout is rate-limiter-flexible's
-- RateLimiterPostgres table, created here so the app needs no DDL rights.
CREATE TABLE rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Per-tenant limits set by the platform operator; null: the platform default from configuration.
CREATE TABLE tenant_rate_limits (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  requests_per_minute integer CHECK (requests_per_minute >= 0),
  requests_per_minute_per_caller integer CHECK (requests_per_minute_per_caller >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE tenant_rate_limits;
DROP TABLE rate_limits;
