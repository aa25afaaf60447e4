import { stringify } from "csv-stringify/sync";
import { strToU8, zipSync, type Zippable } from "fflate";
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { recordPlatformEvent } from "@/lib/audit/platform-events";
import { effectiveQuotas } from "@/lib/quotas/limits";
import type { ResolvedTenant } from "@/lib/tenancy/types";

// A tenant's data as a zip: each table as JSON (exact, for re-import) and CSV (for spreadsheets),
// plus the tenant record and its settings. Read in one REPEATABLE READ snapshot, so the files agree
// with each other even while the tenant keeps changing.

export interface TenantExport {
  fileName: string;
  zip: Uint8Array;
  counts: { users: number; orgUnits: number; memberships: number };
}

type Row = Record<string, string | number | boolean | null>;

function csv(rows: Row[], columns: string[]): string {
  return stringify(rows, { header: true, columns, cast: { boolean: (v) => (v ? "true" : "false"), date: (d) => d.toISOString() } });
}

const BRANDING_EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg", "image/x-icon": "ico" };
const brandingFileName = (asset: { kind: string; contentType: string }) => `branding/${asset.kind}.${BRANDING_EXTENSIONS[asset.contentType] ?? "bin"}`;

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/**
 * Builds the export of `tenant` and records who took it (in the tenant's audit trail, and for a
 * console export also in the platform's). Works for any tenant whose database exists, whatever its
 * lifecycle state: an archived tenant's data stays exportable by the superadmin.
 */
export async function exportTenant(tenant: ResolvedTenant, by: AuditActor, via: "workspace" | "console"): Promise<TenantExport> {
  const record = await controlDb().tenant.findUnique({
    where: { id: tenant.id },
    select: {
      id: true,
      key: true,
      displayName: true,
      kind: true,
      status: true,
      statusReason: true,
      createdAt: true,
      activatedAt: true,
      deletedAt: true,
      purgeAfter: true,
      purgedAt: true,
      customer: { select: { id: true, displayName: true, legalName: true } },
      domains: { select: { hostname: true, verifiedAt: true } },
    },
  });
  if (!record || record.purgedAt) throw new AppError("not_found", "Tenant not found.");
  const { limits, overrides } = await effectiveQuotas(tenant.id);
  const exportedAt = new Date();

  const data = await tenantDb(tenant).$transaction(
    async (tx) => {
      const [users, orgUnits, memberships, branding, brandingAssets] = await Promise.all([
        tx.user.findMany({
          orderBy: { username: "asc" },
          select: { username: true, email: true, firstName: true, lastName: true, enabled: true, isBreakGlass: true, provisioningState: true, createdAt: true, updatedAt: true },
        }),
        tx.orgUnit.findMany({
          orderBy: { identifier: "asc" },
          select: { id: true, identifier: true, name: true, description: true, metadata: true, createdAt: true, updatedAt: true },
        }),
        tx.membership.findMany({
          orderBy: [{ orgUnitId: "asc" }, { username: "asc" }],
          select: { username: true, role: true, createdAt: true, orgUnit: { select: { identifier: true } } },
        }),
        tx.branding.findUnique({ where: { id: true }, select: { organizationName: true, tagline: true, primaryColor: true, updatedAt: true } }),
        tx.brandingAsset.findMany({ orderBy: { kind: "asc" } }),
      ]);
      const counts = { users: users.length, orgUnits: orgUnits.length, memberships: memberships.length };
      await recordTenantEvent(tx, by, { action: "tenant.exported", resourceType: "tenant", resourceId: tenant.key, after: { via, ...counts } });
      return { users, orgUnits, memberships: memberships.map(({ orgUnit, ...m }) => ({ ...m, orgUnit: orgUnit.identifier })), branding, brandingAssets, counts };
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
  if (via === "console") {
    await controlDb().$transaction((tx) =>
      recordPlatformEvent(tx, by, { action: "tenant.exported", resourceType: "tenant", resourceId: tenant.id, tenantId: tenant.id, after: data.counts }),
    );
  }

  const stamp = exportedAt.toISOString().replace(/[:.]/g, "-");
  const folder = `${tenant.key}-export-${stamp}`;
  const files: Zippable = {
    [`${folder}/tenant.json`]: json({
      exportedAt,
      tenant: record,
      settings: {
        quotas: { limits, overrides },
        branding: data.branding
          ? { ...data.branding, files: data.brandingAssets.map((a) => ({ kind: a.kind, contentType: a.contentType, size: a.size, sha256: a.sha256, path: brandingFileName(a) })) }
          : null,
      },
    }),
    ...Object.fromEntries(data.brandingAssets.map((a) => [`${folder}/${brandingFileName(a)}`, a.bytes])),
    [`${folder}/users.json`]: json(data.users),
    [`${folder}/users.csv`]: strToU8(
      csv(data.users as unknown as Row[], ["username", "email", "firstName", "lastName", "enabled", "isBreakGlass", "provisioningState", "createdAt", "updatedAt"]),
    ),
    [`${folder}/org-units.json`]: json(data.orgUnits),
    [`${folder}/org-units.csv`]: strToU8(
      csv(data.orgUnits.map((ou) => ({ ...ou, metadata: JSON.stringify(ou.metadata) })) as unknown as Row[], [
        "id",
        "identifier",
        "name",
        "description",
        "metadata",
        "createdAt",
        "updatedAt",
      ]),
    ),
    [`${folder}/memberships.json`]: json(data.memberships),
    [`${folder}/memberships.csv`]: strToU8(csv(data.memberships as unknown as Row[], ["orgUnit", "username", "role", "createdAt"])),
  };
  return { fileName: `${folder}.zip`, zip: zipSync(files, { level: 6, mtime: exportedAt }), counts: data.counts };
}

/** The HTTP response of an export: the zip as a download, its length known so the page can show progress. */
export function exportResponse(result: TenantExport): Response {
  return new Response(Buffer.from(result.zip), {
    headers: {
      "content-type": "application/zip",
      "content-length": String(result.zip.byteLength),
      "content-disposition": `attachment; filename="${result.fileName}"`,
      "cache-control": "no-store",
    },
  });
}
