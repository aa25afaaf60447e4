import { isUuid, type Queryable } from "@/idp/db";
import { escapeLike } from "@/shared/like";

/** Keycloak's ProtocolMapperRepresentation, stored as is. */
export interface ProtocolMapper {
  id: string;
  name: string;
  protocol: string;
  protocolMapper: string;
  consentRequired?: boolean;
  config: Record<string, string>;
}

export interface Client {
  id: string;
  realm: string;
  clientId: string;
  name: string | null;
  description: string | null;
  secret: string | null;
  publicClient: boolean;
  standardFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  redirectUris: string[];
  webOrigins: string[];
  rootUrl: string | null;
  baseUrl: string | null;
  protocolMappers: ProtocolMapper[];
  enabled: boolean;
  attributes: Record<string, string>;
}

export type ClientFields = Partial<Omit<Client, "id" | "realm">>;

interface ClientRow {
  id: string;
  realm: string;
  client_id: string;
  name: string | null;
  description: string | null;
  secret: string | null;
  public_client: boolean;
  standard_flow_enabled: boolean;
  direct_access_grants_enabled: boolean;
  service_accounts_enabled: boolean;
  redirect_uris: string[];
  web_origins: string[];
  root_url: string | null;
  base_url: string | null;
  protocol_mappers: ProtocolMapper[];
  enabled: boolean;
  attributes: Record<string, string>;
}

const COLUMNS: Record<keyof ClientFields, keyof ClientRow> = {
  clientId: "client_id",
  name: "name",
  description: "description",
  secret: "secret",
  publicClient: "public_client",
  standardFlowEnabled: "standard_flow_enabled",
  directAccessGrantsEnabled: "direct_access_grants_enabled",
  serviceAccountsEnabled: "service_accounts_enabled",
  redirectUris: "redirect_uris",
  webOrigins: "web_origins",
  rootUrl: "root_url",
  baseUrl: "base_url",
  protocolMappers: "protocol_mappers",
  enabled: "enabled",
  attributes: "attributes",
};

const JSON_FIELDS = new Set<keyof ClientFields>(["protocolMappers", "attributes"]);

function fromRow(row: ClientRow): Client {
  return {
    id: row.id,
    realm: row.realm,
    clientId: row.client_id,
    name: row.name,
    description: row.description,
    secret: row.secret,
    publicClient: row.public_client,
    standardFlowEnabled: row.standard_flow_enabled,
    directAccessGrantsEnabled: row.direct_access_grants_enabled,
    serviceAccountsEnabled: row.service_accounts_enabled,
    redirectUris: row.redirect_uris,
    webOrigins: row.web_origins,
    rootUrl: row.root_url,
    baseUrl: row.base_url,
    protocolMappers: row.protocol_mappers,
    enabled: row.enabled,
    attributes: row.attributes,
  };
}

function presentFields(fields: ClientFields): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof ClientFields, keyof ClientRow][]) {
    const value = fields[key];
    if (value === undefined) continue;
    columns.push(column);
    values.push(JSON_FIELDS.has(key) ? JSON.stringify(value) : value);
  }
  return { columns, values };
}

export async function findClient(db: Queryable, realm: string, id: string): Promise<Client | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ClientRow>("SELECT * FROM clients WHERE realm = $1 AND id = $2", [realm, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function findClientByClientId(db: Queryable, realm: string, clientId: string): Promise<Client | null> {
  const { rows } = await db.query<ClientRow>("SELECT * FROM clients WHERE realm = $1 AND client_id = $2", [realm, clientId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export interface ClientQuery {
  clientId?: string;
  /** With `clientId`: substring match instead of exact (Keycloak's `search=true`). */
  search?: boolean;
  first: number;
  max: number;
}

export async function listClients(db: Queryable, realm: string, query: ClientQuery): Promise<Client[]> {
  const params: unknown[] = [realm];
  let where = "realm = $1";
  if (query.clientId !== undefined) {
    if (query.search) {
      params.push(`%${escapeLike(query.clientId)}%`);
      where += ` AND client_id ILIKE $${params.length}`;
    } else {
      params.push(query.clientId);
      where += ` AND client_id = $${params.length}`;
    }
  }
  params.push(query.first, query.max);
  const { rows } = await db.query<ClientRow>(`SELECT * FROM clients WHERE ${where} ORDER BY client_id OFFSET $${params.length - 1} LIMIT $${params.length}`, params);
  return rows.map(fromRow);
}

/** Throws the unique violation `clients_realm_client_id_key` when the clientId is taken. */
export async function insertClient(db: Queryable, realm: string, fields: ClientFields & { clientId: string }): Promise<Client> {
  const { columns, values } = presentFields(fields);
  const { rows } = await db.query<ClientRow>(`INSERT INTO clients (realm, ${columns.join(", ")}) VALUES ($1, ${values.map((_, i) => `$${i + 2}`).join(", ")}) RETURNING *`, [
    realm,
    ...values,
  ]);
  return fromRow(rows[0]!);
}

export async function updateClient(db: Queryable, realm: string, id: string, fields: ClientFields): Promise<Client | null> {
  if (!isUuid(id)) return null;
  const { columns, values } = presentFields(fields);
  if (columns.length === 0) return findClient(db, realm, id);
  const sets = columns.map((c, i) => `${c} = $${i + 3}`).join(", ");
  const { rows } = await db.query<ClientRow>(`UPDATE clients SET ${sets} WHERE realm = $1 AND id = $2 RETURNING *`, [realm, id, ...values]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function deleteClient(db: Queryable, realm: string, id: string): Promise<Client | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ClientRow>("DELETE FROM clients WHERE realm = $1 AND id = $2 RETURNING *", [realm, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Locks the client row for a read-modify-write of its protocol mappers. */
export async function findClientForUpdate(db: Queryable, realm: string, id: string): Promise<Client | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ClientRow>("SELECT * FROM clients WHERE realm = $1 AND id = $2 FOR UPDATE", [realm, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Every protocol mapper of the realm's clients (the provider declares their claim names). */
export async function realmProtocolMappers(db: Queryable, realm: string): Promise<ProtocolMapper[]> {
  const { rows } = await db.query<{ mapper: ProtocolMapper }>("SELECT jsonb_array_elements(protocol_mappers) AS mapper FROM clients WHERE realm = $1", [realm]);
  return rows.map((r) => r.mapper);
}
