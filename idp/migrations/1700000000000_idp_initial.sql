-- Up Migration

-- Server-wide values (cookie signing keys), created on first start.
CREATE TABLE idp_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE realms (
  name text PRIMARY KEY CHECK (char_length(name) BETWEEN 1 AND 255 AND strpos(name, '/') = 0),
  id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  display_name text,
  enabled boolean NOT NULL DEFAULT true,
  attributes jsonb NOT NULL DEFAULT '{}',
  brute_force_protected boolean NOT NULL DEFAULT true,
  failure_factor integer NOT NULL DEFAULT 5 CHECK (failure_factor >= 1),
  wait_increment_seconds integer NOT NULL DEFAULT 60 CHECK (wait_increment_seconds >= 0),
  max_failure_wait_seconds integer NOT NULL DEFAULT 900 CHECK (max_failure_wait_seconds >= 0),
  max_delta_time_seconds integer NOT NULL DEFAULT 43200 CHECK (max_delta_time_seconds >= 1),
  access_token_lifespan integer NOT NULL DEFAULT 300 CHECK (access_token_lifespan >= 1),
  sso_session_idle_timeout integer NOT NULL DEFAULT 1800 CHECK (sso_session_idle_timeout >= 1),
  sso_session_max_lifespan integer NOT NULL DEFAULT 36000 CHECK (sso_session_max_lifespan >= 1),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  client_id text NOT NULL CHECK (char_length(client_id) BETWEEN 1 AND 255),
  name text,
  description text,
  secret text,
  public_client boolean NOT NULL DEFAULT false,
  standard_flow_enabled boolean NOT NULL DEFAULT true,
  direct_access_grants_enabled boolean NOT NULL DEFAULT false,
  service_accounts_enabled boolean NOT NULL DEFAULT false,
  redirect_uris text[] NOT NULL DEFAULT '{}',
  web_origins text[] NOT NULL DEFAULT '{}',
  root_url text,
  base_url text,
  -- Keycloak ProtocolMapperRepresentation objects; post-logout redirect URIs live in
  -- attributes."post.logout.redirect.uris" ("##"-separated), as in Keycloak.
  protocol_mappers jsonb NOT NULL DEFAULT '[]',
  enabled boolean NOT NULL DEFAULT true,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (realm, client_id)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  username text NOT NULL CHECK (username = lower(username) AND char_length(username) BETWEEN 1 AND 255),
  email text CHECK (email = lower(email)),
  first_name text,
  last_name text,
  enabled boolean NOT NULL DEFAULT true,
  email_verified boolean NOT NULL DEFAULT false,
  attributes jsonb NOT NULL DEFAULT '{}',
  required_actions text[] NOT NULL DEFAULT '{}',
  created_timestamp bigint NOT NULL DEFAULT (extract(epoch FROM now()) * 1000)::bigint,
  UNIQUE (realm, username)
);
CREATE UNIQUE INDEX users_realm_email_key ON users (realm, email) WHERE email IS NOT NULL;

CREATE TABLE credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type text NOT NULL DEFAULT 'password',
  -- PHC string of an argon2id hash: algorithm, parameters and salt travel with the hash.
  secret_data text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, type)
);

CREATE TABLE realm_roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
  description text,
  attributes jsonb NOT NULL DEFAULT '{}',
  UNIQUE (realm, name)
);

CREATE TABLE user_role_mappings (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id uuid NOT NULL REFERENCES realm_roles (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_role_mappings_role_idx ON user_role_mappings (role_id);

CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  algorithm text NOT NULL DEFAULT 'RS256',
  private_jwk jsonb NOT NULL,
  active boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  retired_at timestamptz
);
CREATE UNIQUE INDEX signing_keys_one_active_idx ON signing_keys (realm) WHERE active;
CREATE INDEX signing_keys_realm_idx ON signing_keys (realm, created_at DESC);

-- oidc-provider's models (sessions, interactions, grants, codes, refresh tokens, ...).
CREATE TABLE oidc_models (
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  type text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  user_code text,
  uid text,
  account_id text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (realm, type, id)
);
CREATE INDEX oidc_models_grant_idx ON oidc_models (realm, grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_models_uid_idx ON oidc_models (realm, uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_models_user_code_idx ON oidc_models (realm, user_code) WHERE user_code IS NOT NULL;
CREATE INDEX oidc_models_account_idx ON oidc_models (realm, account_id) WHERE account_id IS NOT NULL;
CREATE INDEX oidc_models_expires_idx ON oidc_models (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE login_failures (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  realm text NOT NULL REFERENCES realms (name) ON DELETE CASCADE ON UPDATE CASCADE,
  num_failures integer NOT NULL DEFAULT 0,
  last_failure timestamptz,
  last_ip text,
  locked_until timestamptz
);

-- Down Migration
DROP TABLE login_failures;
DROP TABLE oidc_models;
DROP TABLE signing_keys;
DROP TABLE user_role_mappings;
DROP TABLE realm_roles;
DROP TABLE credentials;
DROP TABLE users;
DROP TABLE clients;
DROP TABLE realms;
DROP TABLE idp_settings;
