import { enforceQuota } from "@/lib/quotas/enforce";
import { quotaFor } from "@/lib/quotas/limits";
import { tenantDb } from "@/lib/db/tenant-clients";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { requireGrant, type Principal } from "@/lib/permissions/permissions";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { generateSecret } from "@/lib/api-keys/secret";
import { mayGrant, scopePermissions } from "@/lib/api-keys/scopes";
import { apiKeyIdSchema, type CreateApiKeyInput, type CreatePlatformApiKeyInput } from "@/lib/api-keys/schema";
import { toApiKeyView, viewSelect, type ApiKeyView } from "@/lib/api-keys/view";

export interface CreatedApiKey {
  key: ApiKeyView;
  /** The whole secret: returned this once, never stored. */
  secret: string;
}

/** Active keys allowed in this tenant (its override, else `GATEHOUSE_QUOTA_API_KEYS`); revoked and expired keys do not count. */
export function apiKeyQuota(tenant: Pick<ResolvedTenant, "id">): Promise<number> {
  return quotaFor(tenant.id, "apiKeys");
}

/** What the audit trail records of a key: never its hash. */
function snapshot(key: ApiKeyView) {
  return { id: key.id, name: key.name, prefix: key.prefix, scopes: key.scopes, expiresAt: key.expiresAt, revokedAt: key.revokedAt };
}

const notFound = () => new AppError("not_found", "API key not found.");

/** What any key is created from, its scopes already checked by the caller. */
interface NewKey {
  name: string;
  scopes: readonly string[];
  expiresAt?: Date;
}

/**
 * Stores a key within the tenant's quota of active keys (see `enforceQuota`: concurrent creations
 * never exceed it). Returns the secret this once; only its hash is stored.
 */
async function insertApiKey(tenant: ResolvedTenant, input: NewKey, by: AuditActor): Promise<CreatedApiKey> {
  for (let attempt = 0; ; attempt++) {
    const { secret, prefix, hash } = generateSecret();
    try {
      const key = await tenantDb(tenant).$transaction(async (tx) => {
        await enforceQuota(tx, tenant, "apiKeys");
        const created = toApiKeyView(
          await tx.apiKey.create({
            data: { name: input.name, prefix, hash, scopes: [...input.scopes], expiresAt: input.expiresAt ?? null, createdBy: by.actor },
            select: viewSelect,
          }),
        );
        await recordTenantEvent(tx, by, { action: "api_key.created", resourceType: "api_key", resourceId: created.id, after: snapshot(created) });
        return created;
      });
      return { key, secret };
    } catch (error) {
      // Two random 50-bit prefixes colliding is all but impossible; draw again if it happens.
      if (isUniqueViolation(error) && attempt < 2) continue;
      throw error;
    }
  }
}

/** Creates a key of a workspace whose scopes the creator holds (checked here: it depends on the scopes asked for; the edge checks `keys:manage`). */
export async function createApiKey(tenant: ResolvedTenant, creator: Principal, input: CreateApiKeyInput, by: AuditActor): Promise<CreatedApiKey> {
  const refused = input.scopes.filter((scope) => !mayGrant(creator, scope));
  if (refused.length > 0) {
    requireGrant(creator, { kind: "permissions", permissions: refused.flatMap(scopePermissions) }, "give them to a key", "scopes", `You cannot grant: ${refused.join(", ")}`);
  }
  return insertApiKey(tenant, input, by);
}

/**
 * Creates a platform key (for billing, KYC and other machines on the console's API). It lives in
 * the root tenant's database, beside nothing else: the console host only accepts keys from there.
 */
export async function createPlatformApiKey(root: ResolvedTenant, input: CreatePlatformApiKeyInput, by: AuditActor): Promise<CreatedApiKey> {
  if (root.kind !== "root") throw new Error("Platform keys belong to the root tenant.");
  if (root.status !== "active") throw new AppError("conflict", "The console's database is still being set up; try again in a moment.");
  return insertApiKey(root, input, by);
}

/** The tenant's keys, newest first (revoked and expired ones too, marked as such). */
export async function listApiKeys(tenant: ResolvedTenant, limit = 200): Promise<ApiKeyView[]> {
  const rows = await tenantDb(tenant).apiKey.findMany({ select: viewSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map((row) => toApiKeyView(row));
}

/** Revokes a key at once: its next request is refused. Revoking a revoked key is a `conflict`. */
export async function revokeApiKey(tenant: ResolvedTenant, id: string, by: AuditActor): Promise<ApiKeyView> {
  if (!apiKeyIdSchema.safeParse(id).success) throw notFound();
  return tenantDb(tenant).$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM api_keys WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw notFound();
    const before = toApiKeyView(await tx.apiKey.findUniqueOrThrow({ where: { id }, select: viewSelect }));
    if (before.revokedAt) throw new AppError("conflict", "This API key is already revoked.");
    const after = toApiKeyView(await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: viewSelect }));
    await recordTenantEvent(tx, by, { action: "api_key.revoked", resourceType: "api_key", resourceId: id, before: snapshot(before), after: snapshot(after) });
    return after;
  });
}
