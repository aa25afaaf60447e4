import fs from "node:fs";
import KcAdminClient from "@keycloak/keycloak-admin-client";
import { deriveSecret } from "../lib/secrets/keys";
import { LOCAL_KEYCLOAK_ADMIN } from "../scripts/local-keycloak/project";
import { IDP_ADMIN_CLIENT_ID } from "../scripts/embedded-identity";
import { e2eDataDir, e2eIdentity, idpPort } from "./environment";

/** The run's identity server's admin API, with the credentials the app itself uses (for test setup only). */
export async function idpAdmin(): Promise<InstanceType<typeof KcAdminClient>> {
  process.env.GATEHOUSE_SECRET_KEY ??= fs.readFileSync(`${e2eDataDir}/secret.key`, "utf8").trim();
  const client = new KcAdminClient({ baseUrl: `http://localhost:${idpPort}`, realmName: "master" });
  if (e2eIdentity === "keycloak") {
    await client.auth({ grantType: "client_credentials", clientId: LOCAL_KEYCLOAK_ADMIN.clientId, clientSecret: deriveSecret("keycloak-admin-service-account", "master") });
  } else {
    await client.auth({ grantType: "client_credentials", clientId: IDP_ADMIN_CLIENT_ID, clientSecret: deriveSecret("idp-admin-service-account", "master") });
  }
  return client;
}

export async function createRealmUser(realm: string, username: string, password: string, roles: string[], enabled = true): Promise<void> {
  const admin = await idpAdmin();
  const { id } = await admin.users.create({ realm, username, enabled, firstName: username, credentials: [{ type: "password", value: password, temporary: false }] });
  const reps = await Promise.all(roles.map((name) => admin.roles.findOneByName({ realm, name })));
  if (reps.length) await admin.users.addRealmRoleMappings({ realm, id, roles: reps.map((r) => ({ id: r!.id!, name: r!.name! })) });
}
