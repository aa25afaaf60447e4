import type { Permission, Scope } from "@/lib/permissions/permissions";
import type { PathParams } from "@/lib/edge/route-handler";

/**
 * What a per-tenant route needs, checked before the body is read; the document's "Permission:"
 * line is made from it.
 */
export type TenantPermission =
  | Permission
  /** Tenant-wide, or within the org unit the path's `{id}` names (an OU admin acts on their own OU only). */
  | { permission: Permission; inPathOrgUnit: true }
  /** And more the handler checks once it has the body (`andAlso` says what, for the document). */
  | { permission: Permission; andAlso: string }
  /** The handler calls `authorize` itself before changing anything, when what it needs depends on the body; `checkedByHandler` says what. */
  | { checkedByHandler: string };

/** `permission` within the org unit of the path (`/org-units/{id}/…`). */
export const withinOrgUnit = (permission: Permission): TenantPermission => ({ permission, inPathOrgUnit: true });

/** The document's text for a route's permission. */
export function permissionText(permission: TenantPermission): string {
  if (typeof permission === "string") return permission;
  if ("checkedByHandler" in permission) return permission.checkedByHandler;
  if ("inPathOrgUnit" in permission) return `${permission.permission} (tenant-wide or within this org unit)`;
  return `${permission.permission} (and ${permission.andAlso})`;
}

/** What the wrapper checks before the body is read; null when the handler checks. */
export function requiredCheck(permission: TenantPermission, params: PathParams): { permission: Permission; scope?: Scope } | null {
  if (typeof permission === "string") return { permission };
  if ("checkedByHandler" in permission) return null;
  return "inPathOrgUnit" in permission ? { permission: permission.permission, scope: { orgUnitId: params.id ?? "" } } : { permission: permission.permission };
}
