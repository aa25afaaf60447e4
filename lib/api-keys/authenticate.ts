import { tenantDb } from "@/lib/db/tenant-clients";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { prefixOf } from "@/lib/api-keys/secret";
import { secretMatches } from "@/lib/secrets/tokens";
import { apiKeyStatus } from "@/lib/api-keys/view";

export interface AuthenticatedKey {
  id: string;
  prefix: string;
  /** As stored: tenant permissions, or platform scopes for the root tenant's keys; the caller maps them. */
  scopes: string[];
}

export type KeyCheck = { ok: true; key: AuthenticatedKey } | { ok: false; reason: "invalid" | "expired" | "revoked" };

/** `last_used_at` is written at most this often per key, so busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Checks a presented secret against this tenant's keys: found by its prefix, then its SHA-256
 * compared in constant time. A key of another tenant is simply not in this tenant's database. The
 * root tenant's database holds the platform API keys.
 */
export async function authenticateApiKey(tenant: ResolvedTenant, secret: string): Promise<KeyCheck> {
  const prefix = prefixOf(secret);
  if (!prefix) return { ok: false, reason: "invalid" };
  const db = tenantDb(tenant);
  const key = await db.apiKey.findUnique({ where: { prefix }, select: { id: true, hash: true, scopes: true, expiresAt: true, revokedAt: true, lastUsedAt: true } });
  if (!key || !secretMatches(secret, key.hash)) return { ok: false, reason: "invalid" };
  const status = apiKeyStatus(key);
  if (status !== "active") return { ok: false, reason: status };
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now - LAST_USED_RESOLUTION_MS);
    await db.apiKey.updateMany({ where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] }, data: { lastUsedAt: new Date(now) } });
  }
  return { ok: true, key: { id: key.id, prefix, scopes: key.scopes } };
}
