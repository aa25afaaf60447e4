// A tenant's PostgreSQL that cannot be reached: REST and SCIM answer 503 with the documented error
// shape and Retry-After (not an empty 500), and recover once it is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as scimUsers from "@/app/workspace/scim/v2/Users/route";
import { createApiKey } from "@/lib/api-keys/service";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { controlDb } from "@/lib/db/control";
import { PERMISSIONS } from "@/lib/permissions/permissions";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { freePort } from "@/lib/net/free-port";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let key: string;
let scimKey: string;

beforeAll(async () => {
  acme = await provisionedTenant(controller);
  key = (await createApiKey(acme, TEST_PRINCIPAL, createApiKeySchema.parse({ name: "down", scopes: PERMISSIONS }), TEST_ACTOR)).secret;
  scimKey = (await createApiKey(acme, TEST_PRINCIPAL, createApiKeySchema.parse({ name: "down scim", scopes: ["scim"] }), TEST_ACTOR)).secret;
}, 120_000);
afterAll(() => closeTestResources(controller));

const host = () => `${acme.key}.localhost:3000`;
const rest = (secret: string) =>
  users.GET(new Request(`http://${host()}/api/v1/tenants/${acme.key}/users`, { headers: { host: host(), authorization: `Bearer ${secret}` } }), {
    params: Promise.resolve({ key: acme.key }),
  });
const scim = () => scimUsers.GET(new Request(`http://${host()}/scim/v2/Users`, { headers: { host: host(), authorization: `Bearer ${scimKey}` } }), { params: Promise.resolve({}) });

/** Points the tenant at a PostgreSQL that is not there (nothing listens on the port). */
async function databaseDown(down: boolean): Promise<void> {
  const databaseUrl = down ? `postgresql://postgres@127.0.0.1:${await freePort()}/nowhere` : null;
  await controlDb().tenant.update({ where: { id: acme.id }, data: { databaseUrl } });
  await invalidateTenant(acme.id);
}

describe("while the tenant's database is down", () => {
  it("answers 503 service_unavailable with Retry-After on REST and SCIM, then recovers", async () => {
    expect((await rest(key)).status).toBe(200);
    await databaseDown(true);
    try {
      const refused = await rest(key);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await refused.json()).toMatchObject({ code: "service_unavailable" });
      const scimRefused = await scim();
      expect(scimRefused.status).toBe(503);
      expect(await scimRefused.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "503" });
    } finally {
      await databaseDown(false);
    }
    expect((await rest(key)).status).toBe(200);
  });
});
