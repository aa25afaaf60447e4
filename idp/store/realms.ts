import type { Queryable } from "@/idp/db";

export const BRUTE_FORCE_STRATEGIES = ["MULTIPLE", "LINEAR"] as const;
export type BruteForceStrategy = (typeof BRUTE_FORCE_STRATEGIES)[number];

export interface Realm {
  id: string;
  name: string;
  displayName: string | null;
  enabled: boolean;
  attributes: Record<string, string>;
  bruteForceProtected: boolean;
  /** Keycloak's `bruteForceStrategy`: how the wait grows after `failureFactor` failures (idp/store/login-throttles.ts). */
  bruteForceStrategy: BruteForceStrategy;
  failureFactor: number;
  waitIncrementSeconds: number;
  maxFailureWaitSeconds: number;
  maxDeltaTimeSeconds: number;
  accessTokenLifespan: number;
  ssoSessionIdleTimeout: number;
  ssoSessionMaxLifespan: number;
  notBefore: number;
  editUsernameAllowed: boolean;
  loginTheme: string | null;
  /** Keycloak's UPConfig as last PUT; null: the default profile. */
  userProfile: Record<string, unknown> | null;
  /** Keycloak's `passwordPolicy` as last set; null: never set (idp/auth/password-policy.ts). */
  passwordPolicy: string | null;
}

/** Fields a create or an update may set; absent ones keep their value (or the column default). */
export type RealmFields = Partial<Omit<Realm, "id" | "name">>;

interface RealmRow {
  id: string;
  name: string;
  display_name: string | null;
  enabled: boolean;
  attributes: Record<string, string>;
  brute_force_protected: boolean;
  brute_force_strategy: BruteForceStrategy;
  failure_factor: number;
  wait_increment_seconds: number;
  max_failure_wait_seconds: number;
  max_delta_time_seconds: number;
  access_token_lifespan: number;
  sso_session_idle_timeout: number;
  sso_session_max_lifespan: number;
  not_before: number;
  edit_username_allowed: boolean;
  login_theme: string | null;
  user_profile: Record<string, unknown> | null;
  password_policy: string | null;
}

const COLUMNS: Record<keyof RealmFields, keyof RealmRow> = {
  displayName: "display_name",
  enabled: "enabled",
  attributes: "attributes",
  bruteForceProtected: "brute_force_protected",
  bruteForceStrategy: "brute_force_strategy",
  failureFactor: "failure_factor",
  waitIncrementSeconds: "wait_increment_seconds",
  maxFailureWaitSeconds: "max_failure_wait_seconds",
  maxDeltaTimeSeconds: "max_delta_time_seconds",
  accessTokenLifespan: "access_token_lifespan",
  ssoSessionIdleTimeout: "sso_session_idle_timeout",
  ssoSessionMaxLifespan: "sso_session_max_lifespan",
  notBefore: "not_before",
  editUsernameAllowed: "edit_username_allowed",
  loginTheme: "login_theme",
  userProfile: "user_profile",
  passwordPolicy: "password_policy",
};

function fromRow(row: RealmRow): Realm {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    enabled: row.enabled,
    attributes: row.attributes,
    bruteForceProtected: row.brute_force_protected,
    bruteForceStrategy: row.brute_force_strategy,
    failureFactor: row.failure_factor,
    waitIncrementSeconds: row.wait_increment_seconds,
    maxFailureWaitSeconds: row.max_failure_wait_seconds,
    maxDeltaTimeSeconds: row.max_delta_time_seconds,
    accessTokenLifespan: row.access_token_lifespan,
    ssoSessionIdleTimeout: row.sso_session_idle_timeout,
    ssoSessionMaxLifespan: row.sso_session_max_lifespan,
    notBefore: row.not_before,
    editUsernameAllowed: row.edit_username_allowed,
    loginTheme: row.login_theme,
    userProfile: row.user_profile,
    passwordPolicy: row.password_policy,
  };
}

/** Column list and values of the fields present, in a stable order. */
function presentFields(fields: RealmFields): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof RealmFields, keyof RealmRow][]) {
    const value = fields[key];
    if (value === undefined) continue;
    columns.push(column);
    values.push(key === "attributes" || key === "userProfile" ? JSON.stringify(value) : value);
  }
  return { columns, values };
}

export async function findRealm(db: Queryable, name: string): Promise<Realm | null> {
  const { rows } = await db.query<RealmRow>("SELECT * FROM realms WHERE name = $1", [name]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function listRealms(db: Queryable): Promise<Realm[]> {
  const { rows } = await db.query<RealmRow>("SELECT * FROM realms ORDER BY name");
  return rows.map(fromRow);
}

/** Inserts the realm; throws the unique violation of `realms_pkey` when the name is taken. */
export async function insertRealm(db: Queryable, name: string, fields: RealmFields): Promise<Realm> {
  const { columns, values } = presentFields(fields);
  const placeholders = values.map((_, i) => `$${i + 2}`);
  const { rows } = await db.query<RealmRow>(
    `INSERT INTO realms (name${columns.map((c) => `, ${c}`).join("")}) VALUES ($1${placeholders.map((p) => `, ${p}`).join("")}) RETURNING *`,
    [name, ...values],
  );
  return fromRow(rows[0]!);
}

export async function updateRealm(db: Queryable, name: string, fields: RealmFields): Promise<Realm | null> {
  const { columns, values } = presentFields(fields);
  if (columns.length === 0) return findRealm(db, name);
  const sets = columns.map((c, i) => `${c} = $${i + 2}`).join(", ");
  const { rows } = await db.query<RealmRow>(`UPDATE realms SET ${sets} WHERE name = $1 RETURNING *`, [name, ...values]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Deletes the realm and, by cascade, everything in it. */
export async function deleteRealm(db: Queryable, name: string): Promise<boolean> {
  const { rowCount } = await db.query("DELETE FROM realms WHERE name = $1", [name]);
  return Boolean(rowCount);
}
