import fs from "node:fs";
import KcAdminClient from "@keycloak/keycloak-admin-client";
import { deriveSecret } from "../lib/secrets/keys";
import { idpPort } from "./support";

/** The embedded identity server's admin API, as the app itself reaches it (for test setup only). */
export async function idpAdmin(): Promise<InstanceType<typeof KcAdminClient>> {
  process.env.GATEHOUSE_SECRET_KEY ??= fs.readFileSync(".data/e2e/secret.key", "utf8").trim();
  const client = new KcAdminClient({ baseUrl: `http://localhost:${idpPort}`, realmName: "master" });
  await client.auth({ grantType: "password", clientId: "admin-cli", username: "admin", password: deriveSecret("idp-master-admin", "master") });
  return client;
}

export async function createRealmUser(realm: string, username: string, password: string, roles: string[], enabled = true): Promise<void> {
  const admin = await idpAdmin();
  const { id } = await admin.users.create({ realm, username, enabled, firstName: username, credentials: [{ type: "password", value: password, temporary: false }] });
  const reps = await Promise.all(roles.map((name) => admin.roles.findOneByName({ realm, name })));
  if (reps.length) await admin.users.addRealmRoleMappings({ realm, id, roles: reps.map((r) => ({ id: r!.id!, name: r!.name! })) });
}
