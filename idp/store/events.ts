import type { Queryable } from "@/idp/db";
import type { Realm } from "@/idp/store/realms";

/** The user event types the embedded server records (a subset of Keycloak's). */
export type EventType = "LOGIN" | "LOGIN_ERROR";

export interface NewEvent {
  type: EventType;
  clientId?: string | null;
  userId?: string | null;
  ip?: string | null;
  /** Keycloak's error code, e.g. `invalid_user_credentials`, `user_not_found`, `user_disabled`. */
  error?: string | null;
  /** Keycloak puts the typed username, auth method and redirect URI here. */
  details?: Record<string, string>;
}

/** Keycloak's EventRepresentation (with the `id` newer Keycloak versions include). */
export interface EventRepresentation {
  id: string;
  time: number;
  type: string;
  realmId: string;
  clientId?: string;
  userId?: string;
  sessionId?: string;
  ipAddress?: string;
  error?: string;
  details: Record<string, string>;
}

export async function recordEvent(db: Queryable, realm: Realm, event: NewEvent): Promise<void> {
  await db.query("INSERT INTO events (realm, type, client_id, user_id, ip_address, error, details) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
    realm.name,
    event.type,
    event.clientId ?? null,
    event.userId ?? null,
    event.ip ?? null,
    event.error ?? null,
    JSON.stringify(event.details ?? {}),
  ]);
}

export interface EventQuery {
  types: string[];
  client?: string;
  user?: string;
  ipAddress?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  to?: number;
  first: number;
  max: number;
}

interface EventRow {
  id: string;
  time: string;
  type: string;
  client_id: string | null;
  user_id: string | null;
  session_id: string | null;
  ip_address: string | null;
  error: string | null;
  details: Record<string, string>;
}

/** Newest first, as Keycloak returns them. */
export async function findEvents(db: Queryable, realm: Realm, query: EventQuery): Promise<EventRepresentation[]> {
  const where = ["realm = $1"];
  const values: unknown[] = [realm.name];
  const add = (sql: (n: number) => string, value: unknown) => {
    values.push(value);
    where.push(sql(values.length));
  };
  if (query.types.length > 0) add((n) => `type = ANY($${n})`, query.types);
  if (query.client) add((n) => `client_id = $${n}`, query.client);
  if (query.user) add((n) => `user_id = $${n}`, query.user);
  if (query.ipAddress) add((n) => `ip_address = $${n}`, query.ipAddress);
  if (query.from !== undefined) add((n) => `time >= $${n}`, query.from);
  if (query.to !== undefined) add((n) => `time <= $${n}`, query.to);
  values.push(query.max, query.first);
  const { rows } = await db.query<EventRow>(
    `SELECT id, time, type, client_id, user_id, session_id, ip_address, error, details FROM events
      WHERE ${where.join(" AND ")} ORDER BY time DESC, id DESC LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  );
  return rows.map((row) => ({
    id: row.id,
    time: Number(row.time),
    type: row.type,
    realmId: realm.id,
    ...(row.client_id !== null ? { clientId: row.client_id } : {}),
    ...(row.user_id !== null ? { userId: row.user_id } : {}),
    ...(row.session_id !== null ? { sessionId: row.session_id } : {}),
    ...(row.ip_address !== null ? { ipAddress: row.ip_address } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    details: row.details,
  }));
}
