import type ProtocolMapperRepresentation from "@keycloak/keycloak-admin-client/lib/defs/protocolMapperRepresentation.js";
import { httpStatus, withAdmin, type AdminClient } from "@/lib/identity/admin";

/** The confidential client the app logs users in with, in every realm. */
export const APP_CLIENT_ID = "gatehouse";

export interface AppClientSpec {
  realm: string;
  secret: string;
  /** Origins of the app for this realm, e.g. http://acme.localhost:3000. */
  origins: string[];
  tenantKey: string;
}

const tokenClaims = { "id.token.claim": "true", "access.token.claim": "true", "userinfo.token.claim": "true" };

/** A `tenant` claim with the tenant key and a `roles` claim with the user's realm roles. */
export function appProtocolMappers(tenantKey: string): ProtocolMapperRepresentation[] {
  return [
    {
      name: "tenant",
      protocol: "openid-connect",
      protocolMapper: "oidc-hardcoded-claim-mapper",
      config: { "claim.name": "tenant", "claim.value": tenantKey, "jsonType.label": "String", ...tokenClaims },
    },
    {
      name: "roles",
      protocol: "openid-connect",
      protocolMapper: "oidc-usermodel-realm-role-mapper",
      config: { "claim.name": "roles", "jsonType.label": "String", multivalued: "true", ...tokenClaims },
    },
  ];
}

function representation(spec: AppClientSpec) {
  return {
    clientId: APP_CLIENT_ID,
    name: "Gatehouse",
    enabled: true,
    protocol: "openid-connect",
    publicClient: false,
    secret: spec.secret,
    standardFlowEnabled: true,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false,
    redirectUris: spec.origins.map((o) => `${o}/api/auth/callback/keycloak`),
    webOrigins: spec.origins,
    attributes: { "post.logout.redirect.uris": spec.origins.map((o) => `${o}/`).join("##"), "pkce.code.challenge.method": "S256" },
  };
}

/**
 * Whether a mapper as the server returns it differs from the wanted one. Compared key by key: the
 * server may return the config's keys in another order, or add keys of its own (Keycloak adds
 * defaults such as `introspection.token.claim`), which are not drift.
 */
function drifted(current: ProtocolMapperRepresentation, wanted: ProtocolMapperRepresentation): boolean {
  if (current.protocolMapper !== wanted.protocolMapper) return true;
  return Object.entries(wanted.config ?? {}).some(([key, value]) => current.config?.[key] !== value);
}

/**
 * Ensures the app's client in the realm: one client, its redirect URIs for the tenant's hosts,
 * its secret, and the tenant and roles protocol mappers. Safe to repeat and to race.
 */
export function ensureAppClient(spec: AppClientSpec): Promise<string> {
  return withAdmin(async (admin) => {
    const realm = spec.realm;
    let [client] = await admin.clients.find({ realm, clientId: APP_CLIENT_ID });
    if (!client) {
      try {
        await admin.clients.create({ realm, ...representation(spec), protocolMappers: appProtocolMappers(spec.tenantKey) });
        return await clientUuid(admin, realm);
      } catch (error) {
        if (httpStatus(error) !== 409) throw error;
        [client] = await admin.clients.find({ realm, clientId: APP_CLIENT_ID });
      }
    }
    const id = client!.id!;
    await admin.clients.update({ realm, id }, representation(spec));
    const existing = await admin.clients.listProtocolMappers({ realm, id });
    for (const mapper of appProtocolMappers(spec.tenantKey)) {
      const current = existing.find((m) => m.name === mapper.name);
      if (!current) await admin.clients.addProtocolMapper({ realm, id }, mapper);
      else if (drifted(current, mapper)) await admin.clients.updateProtocolMapper({ realm, id, mapperId: current.id! }, { ...mapper, id: current.id });
    }
    return id;
  });
}

async function clientUuid(admin: AdminClient, realm: string): Promise<string> {
  const [client] = await admin.clients.find({ realm, clientId: APP_CLIENT_ID });
  if (!client?.id) throw new Error(`client ${APP_CLIENT_ID} missing in realm ${realm}`);
  return client.id;
}

export async function countAppClients(realm: string): Promise<number> {
  return (await withAdmin((admin) => admin.clients.find({ realm, clientId: APP_CLIENT_ID }))).length;
}
