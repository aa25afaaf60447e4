import { randomBytes, randomUUID } from "node:crypto";
import { isUniqueViolation, transaction } from "@/idp/db";
import { adminPath, created, noContent, ok, type AdminContext, type Reply, type Route } from "@/idp/admin/context";
import { boolParam, clientInput, clientRepresentation, intParam, mapperInput, mapperRepresentation, parse, stringParam, type ClientInput } from "@/idp/admin/representations";
import { badRequest, conflict, notFound } from "@/idp/http/respond";
import { deleteClient, findClient, findClientForUpdate, insertClient, listClients, updateClient, type Client, type ClientFields, type ProtocolMapper } from "@/idp/store/clients";
import { z } from "zod";

const CLIENT_NOT_FOUND = "Could not find client";
const MAPPER_NOT_FOUND = "Model not found";

export function newClientSecret(): string {
  return randomBytes(24).toString("base64url");
}

/** Keycloak merges attributes on update; a null or empty value removes one. */
function mergeAttributes(current: Record<string, string>, input: Record<string, string | null> | undefined): Record<string, string> | undefined {
  if (!input) return undefined;
  const merged = { ...current };
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value.trim() === "") delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function toMapper(input: z.output<typeof mapperInput>, id: string = randomUUID()): ProtocolMapper {
  return {
    id,
    name: input.name,
    protocol: input.protocol,
    protocolMapper: input.protocolMapper,
    ...(input.consentRequired !== undefined ? { consentRequired: input.consentRequired } : {}),
    config: input.config,
  };
}

function assertUniqueMapperNames(mappers: ProtocolMapper[]): void {
  const names = new Set<string>();
  for (const mapper of mappers) {
    if (names.has(mapper.name)) throw conflict("Protocol mapper exists with same name");
    names.add(mapper.name);
  }
}

function clientFields(input: ClientInput, current?: Client): ClientFields {
  const publicClient = input.publicClient ?? current?.publicClient ?? false;
  const secret = publicClient ? undefined : (input.secret ?? (current?.secret ? undefined : newClientSecret()));
  return {
    clientId: input.clientId,
    name: input.name,
    description: input.description,
    rootUrl: input.rootUrl,
    baseUrl: input.baseUrl,
    enabled: input.enabled,
    publicClient: input.publicClient,
    secret,
    redirectUris: input.redirectUris,
    webOrigins: input.webOrigins,
    standardFlowEnabled: input.standardFlowEnabled,
    directAccessGrantsEnabled: input.directAccessGrantsEnabled,
    serviceAccountsEnabled: input.serviceAccountsEnabled,
    attributes: mergeAttributes(current?.attributes ?? {}, input.attributes),
  };
}

async function clientOf(ctx: AdminContext): Promise<Client> {
  const realm = await ctx.realm();
  const client = await findClient(ctx.deps.db, realm.name, ctx.param("id"));
  if (!client) throw notFound(CLIENT_NOT_FOUND);
  return client;
}

async function list(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const clients = await listClients(ctx.deps.db, realm.name, {
    clientId: stringParam(ctx.query, "clientId"),
    search: boolParam(ctx.query, "search") ?? false,
    first: intParam(ctx.query, "first", 0),
    max: intParam(ctx.query, "max", 1_000_000),
  });
  return ok(clients.map(clientRepresentation));
}

async function create(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  const input = parse(clientInput, await ctx.body());
  if (!input.clientId) throw badRequest("clientId is required.");
  const mappers = (input.protocolMappers ?? []).map((m) => toMapper(m));
  assertUniqueMapperNames(mappers);
  const fields = clientFields(input);
  try {
    const client = await insertClient(ctx.deps.db, realm.name, { ...fields, clientId: input.clientId, protocolMappers: mappers });
    ctx.deps.runtimes.invalidate(realm.name);
    return created(adminPath(realm.name, "clients", client.id));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Client ${input.clientId} already exists`);
    throw error;
  }
}

async function get(ctx: AdminContext): Promise<Reply> {
  return ok(clientRepresentation(await clientOf(ctx)));
}

async function update(ctx: AdminContext): Promise<Reply> {
  const current = await clientOf(ctx);
  const input = parse(clientInput, await ctx.body());
  try {
    await updateClient(ctx.deps.db, current.realm, current.id, clientFields(input, current));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Client ${input.clientId ?? ""} already exists`);
    throw error;
  }
  ctx.deps.runtimes.invalidate(current.realm);
  return noContent();
}

async function remove(ctx: AdminContext): Promise<Reply> {
  const realm = await ctx.realm();
  if (!(await deleteClient(ctx.deps.db, realm.name, ctx.param("id")))) throw notFound(CLIENT_NOT_FOUND);
  ctx.deps.runtimes.invalidate(realm.name);
  return noContent();
}

async function getSecret(ctx: AdminContext): Promise<Reply> {
  const client = await clientOf(ctx);
  return ok({ type: "secret", ...(client.secret && !client.publicClient ? { value: client.secret } : {}) });
}

async function regenerateSecret(ctx: AdminContext): Promise<Reply> {
  const client = await clientOf(ctx);
  if (client.publicClient) throw badRequest("A public client has no secret.");
  const secret = newClientSecret();
  await updateClient(ctx.deps.db, client.realm, client.id, { secret });
  ctx.deps.runtimes.invalidate(client.realm);
  return ok({ type: "secret", value: secret });
}

/** Read-modify-write of a client's mappers under a row lock; `change` returns the new list. */
async function changeMappers(ctx: AdminContext, change: (mappers: ProtocolMapper[]) => ProtocolMapper[]): Promise<void> {
  const realm = await ctx.realm();
  await transaction(ctx.deps.db, async (tx) => {
    const client = await findClientForUpdate(tx, realm.name, ctx.param("id"));
    if (!client) throw notFound(CLIENT_NOT_FOUND);
    const mappers = change(client.protocolMappers);
    assertUniqueMapperNames(mappers);
    await updateClient(tx, realm.name, client.id, { protocolMappers: mappers });
  });
  ctx.deps.runtimes.invalidate(realm.name);
}

async function listMappers(ctx: AdminContext): Promise<Reply> {
  return ok((await clientOf(ctx)).protocolMappers.map(mapperRepresentation));
}

async function mappersByProtocol(ctx: AdminContext): Promise<Reply> {
  const protocol = ctx.param("protocol");
  return ok((await clientOf(ctx)).protocolMappers.filter((m) => m.protocol === protocol).map(mapperRepresentation));
}

async function getMapper(ctx: AdminContext): Promise<Reply> {
  const mapper = (await clientOf(ctx)).protocolMappers.find((m) => m.id === ctx.param("mapperId"));
  if (!mapper) throw notFound(MAPPER_NOT_FOUND);
  return ok(mapperRepresentation(mapper));
}

async function addMapper(ctx: AdminContext): Promise<Reply> {
  const mapper = toMapper(parse(mapperInput, await ctx.body()));
  await changeMappers(ctx, (mappers) => [...mappers, mapper]);
  return created(adminPath((await ctx.realm()).name, "clients", ctx.param("id"), "protocol-mappers", "models", mapper.id));
}

async function addMappers(ctx: AdminContext): Promise<Reply> {
  const added = parse(z.array(mapperInput), await ctx.body()).map((m) => toMapper(m));
  await changeMappers(ctx, (mappers) => [...mappers, ...added]);
  return noContent();
}

async function updateMapper(ctx: AdminContext): Promise<Reply> {
  const input = parse(mapperInput, await ctx.body());
  const id = ctx.param("mapperId");
  await changeMappers(ctx, (mappers) => {
    if (!mappers.some((m) => m.id === id)) throw notFound(MAPPER_NOT_FOUND);
    return mappers.map((m) => (m.id === id ? toMapper(input, id) : m));
  });
  return noContent();
}

async function removeMapper(ctx: AdminContext): Promise<Reply> {
  const id = ctx.param("mapperId");
  await changeMappers(ctx, (mappers) => {
    if (!mappers.some((m) => m.id === id)) throw notFound(MAPPER_NOT_FOUND);
    return mappers.filter((m) => m.id !== id);
  });
  return noContent();
}

export const clientRoutes: Route[] = [
  { method: "GET", pattern: ":realm/clients", handler: list },
  { method: "POST", pattern: ":realm/clients", handler: create },
  { method: "GET", pattern: ":realm/clients/:id", handler: get },
  { method: "PUT", pattern: ":realm/clients/:id", handler: update },
  { method: "DELETE", pattern: ":realm/clients/:id", handler: remove },
  { method: "GET", pattern: ":realm/clients/:id/client-secret", handler: getSecret },
  { method: "POST", pattern: ":realm/clients/:id/client-secret", handler: regenerateSecret },
  { method: "GET", pattern: ":realm/clients/:id/protocol-mappers/models", handler: listMappers },
  { method: "POST", pattern: ":realm/clients/:id/protocol-mappers/models", handler: addMapper },
  { method: "POST", pattern: ":realm/clients/:id/protocol-mappers/add-models", handler: addMappers },
  { method: "GET", pattern: ":realm/clients/:id/protocol-mappers/models/:mapperId", handler: getMapper },
  { method: "PUT", pattern: ":realm/clients/:id/protocol-mappers/models/:mapperId", handler: updateMapper },
  { method: "DELETE", pattern: ":realm/clients/:id/protocol-mappers/models/:mapperId", handler: removeMapper },
  { method: "GET", pattern: ":realm/clients/:id/protocol-mappers/protocol/:protocol", handler: mappersByProtocol },
];
