import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { PERMISSIONS, type Principal } from "@/lib/permissions/permissions";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { permissionsOf } from "@/lib/api-keys/scopes";
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/api-keys/schema";
import { apiKeyQuota, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let acme: ResolvedTenant;

const admin: Principal = { kind: "user", username: "admin", realmRoles: ["tenant-admin"], ouRoles: {} };
const auditor: Principal = { kind: "user", username: "audrey", realmRoles: ["auditor"], ouRoles: {} };
const input = (name: string, scopes: string[] = ["user:list"], extra: Record<string, unknown> = {}): CreateApiKeyInput => createApiKeySchema.parse({ name, scopes, ...extra });

beforeAll(async () => {
  acme = await provisionedTenant(controller);
}, 120_000);

afterAll(() => closeTestResources(controller));

describe("API keys", () => {
  it("returns the secret once, stores only its SHA-256, and is recognisable by its prefix", async () => {
    const { key, secret } = await createApiKey(acme, admin, input("billing sync", ["user:list", "user:read"]), TEST_ACTOR);
    expect(secret).toMatch(/^ghk_[a-z2-7]{10}_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: "billing sync", prefix: secret.slice(4, 14), scopes: ["user:list", "user:read"], status: "active", createdBy: "test", lastUsedAt: null });
    expect(key).not.toHaveProperty("hash");

    const [row] = await tenantDb(acme).$queryRaw<Record<string, unknown>[]>`SELECT * FROM api_keys WHERE id = ${key.id}::uuid`;
    expect(row?.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    const randomPart = secret.slice(15);
    expect(JSON.stringify(row)).not.toContain(randomPart);

    const listed = (await listApiKeys(acme)).find((k) => k.id === key.id);
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(randomPart);
    expect(listed).not.toHaveProperty("hash");

    const [event] = await tenantDb(acme).auditEvent.findMany({ where: { resourceId: key.id } });
    expect(event).toMatchObject({ action: "api_key.created", resourceType: "api_key", actor: "test" });
    expect(JSON.stringify(event?.after)).not.toContain(randomPart);
    expect(JSON.stringify(event?.after)).not.toContain(String(row?.hash));
  });

  it("authenticates its own secret only, and records when it was last used", async () => {
    const { key, secret } = await createApiKey(acme, admin, input("reader", ["ou:list", "scim"]), TEST_ACTOR);
    const check = await authenticateApiKey(acme, secret);
    expect(check).toEqual({ ok: true, key: { id: key.id, prefix: key.prefix, scopes: ["ou:list", "scim"] } });
    // The reserved `scim` scope grants no permission (yet).
    expect(check.ok && permissionsOf(check.key.scopes)).toEqual(["ou:list"]);
    expect((await listApiKeys(acme)).find((k) => k.id === key.id)?.lastUsedAt).toBeInstanceOf(Date);

    const tampered = `${secret.slice(0, -2)}${secret.endsWith("AA") ? "BB" : "AA"}`;
    expect(await authenticateApiKey(acme, tampered)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateApiKey(acme, "ghk_nothing")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateApiKey(acme, `ghk_aaaaaaaaaa_${"A".repeat(43)}`)).toEqual({ ok: false, reason: "invalid" });
  });

  it("revokes a key at once, auditing it; revoking again is a conflict", async () => {
    const { key, secret } = await createApiKey(acme, admin, input("to revoke"), TEST_ACTOR);
    const revoked = await revokeApiKey(acme, key.id, TEST_ACTOR);
    expect(revoked).toMatchObject({ status: "revoked", revokedAt: expect.any(Date) });
    expect(await authenticateApiKey(acme, secret)).toEqual({ ok: false, reason: "revoked" });
    await expect(revokeApiKey(acme, key.id, TEST_ACTOR)).rejects.toMatchObject({ code: "conflict" });
    await expect(revokeApiKey(acme, "00000000-0000-4000-8000-000000000000", TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeApiKey(acme, "not-an-id", TEST_ACTOR)).rejects.toMatchObject({ code: "not_found" });
    const actions = (await tenantDb(acme).auditEvent.findMany({ where: { resourceId: key.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("expires: a date means through that day (UTC); past dates are refused; an expired key is refused", async () => {
    expect(createApiKeySchema.parse({ name: "x", scopes: ["user:list"], expiresAt: "2999-01-31" }).expiresAt?.toISOString()).toBe("2999-02-01T00:00:00.000Z");
    expect(createApiKeySchema.parse({ name: "x", scopes: ["user:list"], expiresAt: "2999-01-31T10:00:00+05:30" }).expiresAt?.toISOString()).toBe("2999-01-31T04:30:00.000Z");
    expect(createApiKeySchema.parse({ name: "x", scopes: ["user:list"], expiresAt: "" }).expiresAt).toBeUndefined();
    for (const expiresAt of ["2001-01-01", "tomorrow", "2999-01-31T10:00:00"]) {
      expect(createApiKeySchema.safeParse({ name: "x", scopes: ["user:list"], expiresAt }).success).toBe(false);
    }

    const { key, secret } = await createApiKey(acme, admin, input("short-lived", ["user:list"], { expiresAt: new Date(Date.now() + 60_000).toISOString() }), TEST_ACTOR);
    expect((await authenticateApiKey(acme, secret)).ok).toBe(true);
    await tenantDb(acme).apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateApiKey(acme, secret)).toEqual({ ok: false, reason: "expired" });
    expect((await listApiKeys(acme)).find((k) => k.id === key.id)?.status).toBe("expired");
  });

  it("validates names and scopes", () => {
    for (const bad of [
      { name: " ", scopes: ["user:list"] },
      { name: "x".repeat(101), scopes: ["user:list"] },
      { name: "x", scopes: [] },
      { name: "x", scopes: ["user:fly"] },
      { name: "x", scopes: "user:list" },
    ]) {
      expect(createApiKeySchema.safeParse(bad).success).toBe(false);
    }
    expect(createApiKeySchema.parse({ name: "  ok  ", scopes: ["user:list", "user:list"] })).toMatchObject({ name: "ok", scopes: ["user:list"] });
  });

  it("never gives a key a scope its creator does not hold, and writes nothing then", async () => {
    const before = await tenantDb(acme).apiKey.count();
    await expect(createApiKey(acme, auditor, input("too much", ["user:list", "user:create"]), TEST_ACTOR)).rejects.toMatchObject({
      code: "forbidden",
      fields: { scopes: expect.stringContaining("user:create") },
    });
    await expect(createApiKey(acme, auditor, input("scim", ["scim"]), TEST_ACTOR)).rejects.toMatchObject({ code: "forbidden" });
    const ouAdmin: Principal = { kind: "user", username: "oscar", realmRoles: ["member"], ouRoles: { "00000000-0000-4000-8000-000000000001": "admin" } };
    // OU-scoped rights are not tenant-wide: they cannot be handed to a key.
    await expect(createApiKey(acme, ouAdmin, input("ou", ["ou:update"]), TEST_ACTOR)).rejects.toMatchObject({ code: "forbidden" });
    const keyPrincipal: Principal = { kind: "apikey", keyId: "k", scopes: ["user:list", "apikey:create"] };
    await expect(createApiKey(acme, keyPrincipal, input("escalate", ["user:delete"]), TEST_ACTOR)).rejects.toMatchObject({ code: "forbidden" });
    expect(await tenantDb(acme).apiKey.count()).toBe(before);

    await expect(createApiKey(acme, auditor, input("read only", ["user:list", "audit:read"]), TEST_ACTOR)).resolves.toMatchObject({ key: { scopes: ["user:list", "audit:read"] } });
    await expect(createApiKey(acme, admin, input("everything", [...PERMISSIONS, "scim"]), TEST_ACTOR)).resolves.toBeDefined();
  });

  it("enforces the quota of active keys, also under concurrent creation; revoked and expired keys do not count", async () => {
    const tenant = await provisionedTenant(controller);
    const quota = await apiKeyQuota(tenant);
    if (!process.env.GATEHOUSE_QUOTA_API_KEYS) expect(quota).toBe(25);
    const ids: string[] = [];
    for (let i = 0; i < quota - 2; i++) ids.push((await createApiKey(tenant, admin, input(`key ${i}`), TEST_ACTOR)).key.id);

    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createApiKey(tenant, admin, input(`race ${i}`), TEST_ACTOR)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "quota_exceeded" });
    expect(await tenantDb(tenant).apiKey.count()).toBe(quota);
    await expect(createApiKey(tenant, admin, input("one more"), TEST_ACTOR)).rejects.toMatchObject({ code: "quota_exceeded" });

    await revokeApiKey(tenant, ids[0]!, TEST_ACTOR);
    await tenantDb(tenant).apiKey.update({ where: { id: ids[1] }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await createApiKey(tenant, admin, input("after revoke"), TEST_ACTOR);
    await createApiKey(tenant, admin, input("after expiry"), TEST_ACTOR);
    await expect(createApiKey(tenant, admin, input("over"), TEST_ACTOR)).rejects.toMatchObject({ code: "quota_exceeded" });
    const active = (await listApiKeys(tenant)).filter((k) => k.status === "active");
    expect(active).toHaveLength(quota);
  });
});
