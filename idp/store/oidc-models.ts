import type { Adapter, AdapterPayload } from "oidc-provider";
import type { Queryable } from "@/idp/db";
import { textProblem } from "@/shared/unsafe-text";

interface ModelRow {
  payload: AdapterPayload;
  consumed_at: Date | null;
}

const LIVE = "(expires_at IS NULL OR expires_at > now())";

function toPayload(row: ModelRow | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
}

/**
 * oidc-provider's storage for one model type of one realm (Session, Interaction, Grant,
 * AuthorizationCode, RefreshToken, ...), in the `oidc_models` table. Expired rows are never
 * returned and are deleted by `sweepExpiredModels`.
 */
export class PgModelAdapter implements Adapter {
  constructor(
    private readonly db: Queryable,
    private readonly realm: string,
    private readonly type: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void> {
    await this.db.query(
      `INSERT INTO oidc_models (realm, type, id, payload, grant_id, user_code, uid, account_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::int IS NULL THEN NULL ELSE now() + make_interval(secs => $9::int) END)
       ON CONFLICT (realm, type, id) DO UPDATE SET
         payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, user_code = EXCLUDED.user_code,
         uid = EXCLUDED.uid, account_id = EXCLUDED.account_id, expires_at = EXCLUDED.expires_at`,
      [this.realm, this.type, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, payload.accountId ?? null, expiresIn ?? null],
    );
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (textProblem(id)) return undefined; // a token PostgreSQL cannot store was never issued
    const { rows } = await this.db.query<ModelRow>(`SELECT payload, consumed_at FROM oidc_models WHERE realm = $1 AND type = $2 AND id = $3 AND ${LIVE}`, [
      this.realm,
      this.type,
      id,
    ]);
    return toPayload(rows[0]);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    if (textProblem(uid)) return undefined; // a token PostgreSQL cannot store was never issued
    const { rows } = await this.db.query<ModelRow>(`SELECT payload, consumed_at FROM oidc_models WHERE realm = $1 AND type = $2 AND uid = $3 AND ${LIVE} LIMIT 1`, [
      this.realm,
      this.type,
      uid,
    ]);
    return toPayload(rows[0]);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    if (textProblem(userCode)) return undefined; // a token PostgreSQL cannot store was never issued
    const { rows } = await this.db.query<ModelRow>(`SELECT payload, consumed_at FROM oidc_models WHERE realm = $1 AND type = $2 AND user_code = $3 AND ${LIVE} LIMIT 1`, [
      this.realm,
      this.type,
      userCode,
    ]);
    return toPayload(rows[0]);
  }

  async consume(id: string): Promise<void> {
    await this.db.query("UPDATE oidc_models SET consumed_at = now() WHERE realm = $1 AND type = $2 AND id = $3", [this.realm, this.type, id]);
  }

  async destroy(id: string): Promise<void> {
    await this.db.query("DELETE FROM oidc_models WHERE realm = $1 AND type = $2 AND id = $3", [this.realm, this.type, id]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query("DELETE FROM oidc_models WHERE realm = $1 AND type = $2 AND grant_id = $3", [this.realm, this.type, grantId]);
  }
}

/** Ends every session of the user and revokes their grants, codes and refresh tokens. */
export async function revokeUserModels(db: Queryable, realm: string, userId: string): Promise<void> {
  await db.query("DELETE FROM oidc_models WHERE realm = $1 AND account_id = $2", [realm, userId]);
}

export interface UserSessionRow {
  uid: string;
  loginTs: number | null;
  clients: string[];
}

/** The user's live sign-in sessions (oidc-provider Session models), oldest first. */
export async function listUserSessions(db: Queryable, realm: string, userId: string): Promise<UserSessionRow[]> {
  const { rows } = await db.query<{ uid: string; payload: AdapterPayload }>(
    `SELECT uid, payload FROM oidc_models WHERE realm = $1 AND type = 'Session' AND account_id = $2 AND ${LIVE} ORDER BY (payload->>'loginTs')::bigint NULLS FIRST`,
    [realm, userId],
  );
  return rows.map((row) => ({
    uid: row.uid,
    loginTs: typeof row.payload.loginTs === "number" ? row.payload.loginTs : null,
    clients: Object.keys((row.payload.authorizations as Record<string, unknown> | undefined) ?? {}),
  }));
}

/** Revokes a grant and every token issued under it. */
export async function revokeGrant(db: Queryable, realm: string, grantId: string): Promise<void> {
  await db.query("DELETE FROM oidc_models WHERE realm = $1 AND (grant_id = $2 OR (type = 'Grant' AND id = $2))", [realm, grantId]);
}

export async function sessionExists(db: Queryable, realm: string, uid: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM oidc_models WHERE realm = $1 AND type = 'Session' AND uid = $2 AND ${LIVE}`, [realm, uid]);
  return Boolean(rowCount);
}

/** Deletes up to `limit` expired rows; returns how many. */
export async function sweepExpiredModels(db: Queryable, limit = 5_000): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM oidc_models WHERE ctid IN (SELECT ctid FROM oidc_models WHERE expires_at < now() LIMIT $1)`, [limit]);
  return rowCount ?? 0;
}
