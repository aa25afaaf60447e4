import { cache } from "react";
import { LRUCache } from "lru-cache";
import { tenantDb } from "@/lib/db/tenant-clients";
import { isMissingTable } from "@/lib/db/errors";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { setRealmBranding } from "@/lib/identity/realms";
import { tenantUrl } from "@/lib/tenancy/urls";
import { withRealmWrites } from "@/lib/db/session-lock";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { invalidateTenant } from "@/lib/tenancy/tenant-cache";
import { tenantKeyedCache } from "@/lib/tenancy/tenant-keyed-cache";
import { DEFAULT_PRIMARY_COLOR, type BrandingSettings } from "@/lib/branding/schema";
import type { AssetKind, AssetUpload } from "@/lib/branding/upload";

export interface BrandingAssetView {
  contentType: string;
  size: number;
  sha256: string;
  /** Path on the tenant's host; changes whenever the content does. */
  path: string;
}

/** What the tenant's pages, its login page and the settings form show. */
export interface BrandingView {
  organizationName: string;
  tagline: string | null;
  primaryColor: string;
  logo: BrandingAssetView | null;
  favicon: BrandingAssetView | null;
  /** Whether the realm's login page shows this yet. */
  realmSyncState: "pending" | "synced" | "failed";
  realmSyncError: string | null;
}

export const assetPath = (kind: AssetKind, sha256: string) => `/branding/${kind}/${sha256}`;

function syncMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

// The branding view by tenant id: read on every workspace page, changed rarely. Dropped on every
// save and realm push, here at once and in the other app processes through the NOTIFY.
const brandingCache = () => tenantKeyedCache<BrandingView>("branding");

/**
 * The tenant's branding (from this process's cache, once per render); a tenant that never saved
 * any — or whose database the startup migration has not reached yet — shows its display name and
 * the default colour.
 */
export const getBranding = cache(async (tenant: ResolvedTenant): Promise<BrandingView> => {
  try {
    return (await brandingCache().get(tenant.id, () => readBranding(tenant, tenantDb(tenant))))!;
  } catch (error) {
    if (!isMissingTable(error)) throw error;
    return brandingView(tenant, null, []);
  }
});

// Asset bytes by tenant, kind and content hash: content-addressed, so an entry can never be stale;
// it saves reading up to 512 KiB from the tenant database per request. Bounded by total size.
const assetBytes = new LRUCache<string, Uint8Array>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (bytes) => Math.max(1, bytes.byteLength) });

/** The asset's bytes when `sha256` is its current hash (an old URL is a 404, not the old file). */
export async function findBrandingAsset(tenant: ResolvedTenant, kind: AssetKind, sha256: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  const db = tenantDb(tenant);
  // Whether it is current comes from the database every time; only the bytes are cached.
  const current = await db.brandingAsset.findUnique({ where: { kind }, select: { contentType: true, sha256: true } });
  if (!current || current.sha256 !== sha256) return null;
  const key = `${tenant.id}/${kind}/${sha256}`;
  let bytes = assetBytes.get(key);
  if (!bytes) {
    const row = await db.brandingAsset.findUnique({ where: { kind }, select: { sha256: true, bytes: true } });
    if (!row || row.sha256 !== sha256) return null; // replaced in between
    bytes = row.bytes;
    assetBytes.set(key, bytes);
  }
  return { contentType: current.contentType, bytes };
}

/** What a save changes; what it leaves out stays as it is. */
export interface BrandingChange {
  settings?: BrandingSettings;
  /** A new file, or `null` to remove the current one. */
  logo?: AssetUpload | null;
  favicon?: AssetUpload | null;
}

/** What the audit trail records of the branding: the settings and each file's type, size and hash — never the bytes. */
function auditedState(view: Pick<BrandingView, "organizationName" | "tagline" | "primaryColor" | "logo" | "favicon">) {
  const file = (asset: BrandingAssetView | null) => (asset ? { contentType: asset.contentType, size: asset.size, sha256: asset.sha256 } : null);
  return { organizationName: view.organizationName, tagline: view.tagline, primaryColor: view.primaryColor, logo: file(view.logo), favicon: file(view.favicon) };
}

/**
 * Saves the branding: settings, files and the audit event in one transaction in the tenant's
 * database, then the realm's login page (a failure there leaves `realmSyncState` failed, shown
 * with a retry). Returns the state the realm ended in.
 */
export async function saveBranding(tenant: ResolvedTenant, change: BrandingChange, by: AuditActor): Promise<BrandingView["realmSyncState"]> {
  await tenantDb(tenant).$transaction(async (tx) => {
    // The row lock makes concurrent saves queue, so each audit event's "before" is what it replaced.
    await tx.$executeRaw`INSERT INTO branding (id) VALUES (true) ON CONFLICT (id) DO NOTHING`;
    await tx.$queryRaw`SELECT id FROM branding WHERE id FOR UPDATE`;
    const before = await readBranding(tenant, tx);
    await tx.branding.update({
      where: { id: true },
      data: { ...change.settings, realmSyncState: "pending", realmSyncError: null, version: { increment: 1 }, updatedAt: new Date() },
    });
    for (const kind of ["logo", "favicon"] as const) {
      const upload = change[kind];
      if (upload) {
        const data = { contentType: upload.contentType, sha256: upload.sha256, size: upload.bytes.byteLength, bytes: upload.bytes, updatedAt: new Date() };
        await tx.brandingAsset.upsert({ where: { kind }, create: { kind, ...data }, update: data });
      } else if (upload === null) {
        await tx.brandingAsset.deleteMany({ where: { kind } });
      }
    }
    const after = await readBranding(tenant, tx);
    await recordTenantEvent(tx, by, { action: "settings.updated", resourceType: "settings", resourceId: "branding", before: auditedState(before), after: auditedState(after) });
  });
  await invalidateTenant(tenant.id); // the workspace shows the new branding before the realm has it
  return pushBrandingToRealm(tenant);
}

type Reader = Pick<ReturnType<typeof tenantDb>, "$queryRaw">;

type BrandingRow = { organizationName: string | null; tagline: string | null; primaryColor: string | null; realmSyncState: string; realmSyncError: string | null };
type AssetRow = { kind: string; contentType: string; size: number; sha256: string };

function brandingView(tenant: ResolvedTenant, row: BrandingRow | null, assets: AssetRow[]): BrandingView {
  const asset = (kind: AssetKind): BrandingAssetView | null => {
    const found = assets.find((a) => a.kind === kind);
    return found ? { contentType: found.contentType, size: found.size, sha256: found.sha256, path: assetPath(kind, found.sha256) } : null;
  };
  return {
    organizationName: row?.organizationName ?? tenant.displayName,
    tagline: row?.tagline ?? null,
    primaryColor: row?.primaryColor ?? DEFAULT_PRIMARY_COLOR,
    logo: asset("logo"),
    favicon: asset("favicon"),
    realmSyncState: (row?.realmSyncState as BrandingView["realmSyncState"] | undefined) ?? "synced",
    realmSyncError: row?.realmSyncError ?? null,
  };
}

/** One round trip: the settings row (if any) and the files' metadata, never their bytes. */
async function readBranding(tenant: ResolvedTenant, db: Reader): Promise<BrandingView> {
  return (await readVersionedBranding(tenant, db)).view;
}

/**
 * The branding with the version of the save it shows (null: never saved), read in one statement —
 * one snapshot, so the version belongs to exactly these settings and files.
 */
async function readVersionedBranding(tenant: ResolvedTenant, db: Reader): Promise<{ view: BrandingView; version: number | null }> {
  const [found] = await db.$queryRaw<(Partial<BrandingRow> & { version: number | null; assets: AssetRow[] })[]>`
    SELECT b.organization_name AS "organizationName", b.tagline, b.primary_color AS "primaryColor",
           b.realm_sync_state AS "realmSyncState", b.realm_sync_error AS "realmSyncError", b.version,
           (SELECT coalesce(json_agg(json_build_object('kind', kind, 'contentType', content_type, 'size', size, 'sha256', sha256)), '[]'::json) FROM branding_assets) AS assets
    FROM (SELECT true AS id) one LEFT JOIN branding b ON b.id = one.id`;
  const row = found?.realmSyncState ? (found as BrandingRow) : null;
  return { view: brandingView(tenant, row, found?.assets ?? []), version: row ? (found?.version ?? 0) : null };
}

/**
 * Writes the saved branding to the realm and records how that went. No transaction is open while
 * the identity server works: pushes of one tenant run one at a time under its realm-write lock (a
 * session advisory lock, lib/db/session-lock.ts), each reads what is saved once it holds the lock,
 * and records its outcome only if no newer save came in meanwhile (compare-and-set on the
 * branding's version). A newer save's own push follows and records its outcome; so after
 * concurrent saves the realm ends with the last one, never an older one, and the state shown is
 * never "synced" for a save the realm has not got.
 */
async function pushBrandingToRealm(tenant: ResolvedTenant): Promise<BrandingView["realmSyncState"]> {
  try {
    return await lockedRealmPush(tenant);
  } finally {
    await invalidateTenant(tenant.id); // its sync state changed
  }
}

async function lockedRealmPush(tenant: ResolvedTenant): Promise<BrandingView["realmSyncState"]> {
  return withRealmWrites(tenant.id, async () => {
    const db = tenantDb(tenant);
    const { view: branding, version } = await readVersionedBranding(tenant, db);
    if (version === null) return "synced"; // nothing saved: the realm keeps its defaults
    let outcome: { realmSyncState: "synced" | "failed"; realmSyncError: string | null };
    try {
      await setRealmBranding(tenant.key, {
        displayName: branding.organizationName,
        tagline: branding.tagline,
        color: branding.primaryColor,
        logoUrl: branding.logo ? `${tenantUrl(tenant)}${branding.logo.path}` : null,
      });
      outcome = { realmSyncState: "synced", realmSyncError: null };
    } catch (error) {
      outcome = { realmSyncState: "failed", realmSyncError: syncMessage(error) };
    }
    const recorded = await db.branding.updateMany({ where: { id: true, version }, data: outcome });
    // A newer save is waiting for this lock; its push writes the realm and records the outcome.
    return recorded.count === 1 ? outcome.realmSyncState : "pending";
  });
}

/** Pushes the saved branding to the realm again after a failure. */
export async function retryBrandingSync(tenant: ResolvedTenant, by: AuditActor): Promise<BrandingView["realmSyncState"]> {
  const state = await pushBrandingToRealm(tenant);
  await tenantDb(tenant).$transaction((tx) =>
    recordTenantEvent(tx, by, { action: "settings.sync_retried", resourceType: "settings", resourceId: "branding", after: { realmSyncState: state } }),
  );
  return state;
}
