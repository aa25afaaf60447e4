-- Up Migration
-- The users page searches a case-insensitive substring of the username, email, first or last name
-- (lib/users/list.ts), not only a prefix. A B-tree cannot serve `LIKE '%…%'`; trigram GIN indexes
-- can (for search text of three characters or more), one per column so the planner combines them
-- with a BitmapOr. pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner
-- may create it. The prefix indexes stay: the REST API's keyset-paginated list uses them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_username_trgm_idx ON users USING gin (username gin_trgm_ops);
CREATE INDEX users_email_trgm_idx ON users USING gin (lower(email) gin_trgm_ops);
CREATE INDEX users_first_name_trgm_idx ON users USING gin (lower(first_name) gin_trgm_ops);
CREATE INDEX users_last_name_trgm_idx ON users USING gin (lower(last_name) gin_trgm_ops);

-- Down Migration
DROP INDEX users_last_name_trgm_idx;
DROP INDEX users_first_name_trgm_idx;
DROP INDEX users_email_trgm_idx;
DROP INDEX users_username_trgm_idx;
