import { scimRoute } from "@/lib/edge/scim-route";
import { scimJson, scimNoContent } from "@/lib/scim/responses";
import { listParamsOf, listResponse, project, projectionOf, wants } from "@/lib/scim/list";
import { SCIM_SCHEMAS } from "@/lib/scim/schemas";
import { scimNotFound } from "@/lib/scim/errors";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser } from "@/lib/scim/users";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups";
import { resourceTypes, schemaDefinitions, serviceProviderConfig } from "@/lib/scim/discovery";

// The route handlers behind /scim/v2/* (app/workspace/scim/v2/...).

const pathId = (params: Readonly<Record<string, string | undefined>>) => params.id ?? "";
const created = (resource: { meta: { location: string } }) => scimJson(resource, 201, { location: resource.meta.location });

export const listUsers = scimRoute("get", async ({ request, tenant, baseUrl }) => {
  const params = listParamsOf(new URL(request.url), SCIM_SCHEMAS.user);
  const { resources, total } = await listScimUsers(tenant, params, baseUrl);
  return scimJson(
    listResponse(
      resources.map((r) => project(r, params.projection)),
      total,
      params.startIndex,
    ),
  );
});

export const createUser = scimRoute("post", async ({ tenant, principal, actor, baseUrl, body }) => created(await createScimUser(tenant, await body(), principal, actor, baseUrl)));

export const getUser = scimRoute("get", async ({ request, tenant, params, baseUrl }) => {
  const projection = projectionOf(new URL(request.url), SCIM_SCHEMAS.user);
  return scimJson(project(await getScimUser(tenant, pathId(params), baseUrl), projection));
});

export const replaceUser = scimRoute("put", async ({ tenant, params, principal, actor, baseUrl, body }) =>
  scimJson(await replaceScimUser(tenant, pathId(params), await body(), principal, actor, baseUrl)),
);

export const patchUser = scimRoute("patch", async ({ tenant, params, principal, actor, baseUrl, body }) =>
  scimJson(await patchScimUser(tenant, pathId(params), await body(), principal, actor, baseUrl)),
);

export const deleteUser = scimRoute("delete", async ({ tenant, params, principal, actor }) => {
  await deleteScimUser(tenant, pathId(params), principal, actor);
  return scimNoContent();
});

export const listGroups = scimRoute("get", async ({ request, tenant, baseUrl }) => {
  const params = listParamsOf(new URL(request.url), SCIM_SCHEMAS.group);
  const { resources, total } = await listScimGroups(tenant, params, baseUrl);
  return scimJson(
    listResponse(
      resources.map((r) => project(r, params.projection)),
      total,
      params.startIndex,
    ),
  );
});

export const createGroup = scimRoute("post", async ({ tenant, principal, actor, baseUrl, body }) =>
  created(await createScimGroup(tenant, await body(), principal, actor, baseUrl)),
);

export const getGroup = scimRoute("get", async ({ request, tenant, params, baseUrl }) => {
  const projection = projectionOf(new URL(request.url), SCIM_SCHEMAS.group);
  return scimJson(project(await getScimGroup(tenant, pathId(params), baseUrl, wants(projection, "members")), projection));
});

export const replaceGroup = scimRoute("put", async ({ tenant, params, principal, actor, baseUrl, body }) =>
  scimJson(await replaceScimGroup(tenant, pathId(params), await body(), principal, actor, baseUrl)),
);

export const patchGroup = scimRoute("patch", async ({ tenant, params, principal, actor, baseUrl, body }) =>
  scimJson(await patchScimGroup(tenant, pathId(params), await body(), principal, actor, baseUrl)),
);

export const deleteGroup = scimRoute("delete", async ({ tenant, params, principal, actor }) => {
  await deleteScimGroup(tenant, pathId(params), principal, actor);
  return scimNoContent();
});

export const getServiceProviderConfig = scimRoute("get", async ({ baseUrl }) => scimJson(serviceProviderConfig(baseUrl)));

export const listResourceTypes = scimRoute("get", async ({ baseUrl }) => {
  const types = resourceTypes(baseUrl);
  return scimJson(listResponse(types, types.length, 1));
});

export const getResourceType = scimRoute("get", async ({ params, baseUrl }) => {
  const type = resourceTypes(baseUrl).find((t) => t.id === pathId(params));
  if (!type) throw scimNotFound("ResourceType", pathId(params));
  return scimJson(type);
});

export const listSchemas = scimRoute("get", async ({ baseUrl }) => {
  const schemas = schemaDefinitions(baseUrl);
  return scimJson(listResponse(schemas, schemas.length, 1));
});

export const getSchema = scimRoute("get", async ({ params, baseUrl }) => {
  const schema = schemaDefinitions(baseUrl).find((s) => s.id === pathId(params));
  if (!schema) throw scimNotFound("Schema", pathId(params));
  return scimJson(schema);
});
