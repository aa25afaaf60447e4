-- Up Migration
-- Usage of the counted quota resources, kept by statement-level triggers, so a quota check reads
-- one row instead of counting a table (count(*) over 100,000 users takes ~15 ms, and quota checks
-- of one resource run one after another). Active API keys are still counted: expiry is a matter
-- of time, not of a write, and there are few of them.
CREATE TABLE quota_usage (
  resource text PRIMARY KEY,
  used bigint NOT NULL,
  CONSTRAINT quota_usage_not_negative CHECK (used >= 0)
);
INSERT INTO quota_usage (resource, used)
SELECT 'users', count(*) FROM users
UNION ALL SELECT 'orgUnits', count(*) FROM org_units
UNION ALL SELECT 'memberships', count(*) FROM memberships;

CREATE FUNCTION quota_usage_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE quota_usage SET used = used + (SELECT count(*) FROM changed) WHERE resource = TG_ARGV[0];
  RETURN NULL;
END $$;
CREATE FUNCTION quota_usage_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE quota_usage SET used = used - (SELECT count(*) FROM changed) WHERE resource = TG_ARGV[0];
  RETURN NULL;
END $$;
CREATE FUNCTION quota_usage_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE quota_usage SET used = 0 WHERE resource = TG_ARGV[0];
  RETURN NULL;
END $$;

CREATE TRIGGER users_quota_inserted AFTER INSERT ON users REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_inserted('users');
CREATE TRIGGER users_quota_deleted AFTER DELETE ON users REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_deleted('users');
CREATE TRIGGER users_quota_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_truncated('users');
CREATE TRIGGER org_units_quota_inserted AFTER INSERT ON org_units REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_inserted('orgUnits');
CREATE TRIGGER org_units_quota_deleted AFTER DELETE ON org_units REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_deleted('orgUnits');
CREATE TRIGGER org_units_quota_truncated AFTER TRUNCATE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_truncated('orgUnits');
CREATE TRIGGER memberships_quota_inserted AFTER INSERT ON memberships REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_inserted('memberships');
CREATE TRIGGER memberships_quota_deleted AFTER DELETE ON memberships REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_deleted('memberships');
CREATE TRIGGER memberships_quota_truncated AFTER TRUNCATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION quota_usage_truncated('memberships');

-- Down Migration
DROP TRIGGER memberships_quota_truncated ON memberships;
DROP TRIGGER memberships_quota_deleted ON memberships;
DROP TRIGGER memberships_quota_inserted ON memberships;
DROP TRIGGER org_units_quota_truncated ON org_units;
DROP TRIGGER org_units_quota_deleted ON org_units;
DROP TRIGGER org_units_quota_inserted ON org_units;
DROP TRIGGER users_quota_truncated ON users;
DROP TRIGGER users_quota_deleted ON users;
DROP TRIGGER users_quota_inserted ON users;
DROP FUNCTION quota_usage_truncated();
DROP FUNCTION quota_usage_deleted();
DROP FUNCTION quota_usage_inserted();
DROP TABLE quota_usage;
