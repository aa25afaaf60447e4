-- Up Migration

-- Audit events are append-only: the database itself refuses to change or remove one, whatever
-- the statement (UPDATE, DELETE, TRUNCATE) and whoever sends it through the app's role.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % on audit_events is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- Events imported from the identity server (login, login errors) carry its event id, so an import
-- that runs twice, or in two processes at once, writes each event once.
ALTER TABLE audit_events ADD COLUMN external_id text;
CREATE UNIQUE INDEX audit_events_external_id_key ON audit_events (external_id);
-- The newest imported event, where the next import starts.
CREATE INDEX audit_events_imported_at_idx ON audit_events (occurred_at) WHERE external_id IS NOT NULL;

-- The viewer pages newest first by (occurred_at, id); each filter has an index in that order.
CREATE INDEX audit_events_occurred_at_id_idx ON audit_events (occurred_at, id);
CREATE INDEX audit_events_actor_occurred_at_id_idx ON audit_events (actor, occurred_at, id);
CREATE INDEX audit_events_action_occurred_at_id_idx ON audit_events (action, occurred_at, id);
CREATE INDEX audit_events_resource_occurred_at_id_idx ON audit_events (resource_type, resource_id, occurred_at, id);
CREATE INDEX audit_events_resource_type_occurred_at_id_idx ON audit_events (resource_type, occurred_at, id);

-- Down Migration
DROP INDEX audit_events_resource_type_occurred_at_id_idx;
DROP INDEX audit_events_resource_occurred_at_id_idx;
DROP INDEX audit_events_action_occurred_at_id_idx;
DROP INDEX audit_events_actor_occurred_at_id_idx;
DROP INDEX audit_events_occurred_at_id_idx;
DROP INDEX audit_events_imported_at_idx;
DROP INDEX audit_events_external_id_key;
ALTER TABLE audit_events DROP COLUMN external_id;
DROP TRIGGER audit_events_no_truncate ON audit_events;
DROP TRIGGER audit_events_append_only ON audit_events;
DROP FUNCTION audit_events_refuse_change();
