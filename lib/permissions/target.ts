import { AppError } from "@/lib/errors/app-error";
import type { Principal } from "@/lib/permissions/permissions";
import { tenantByKey } from "@/lib/tenancy/resolve";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** Shape of any tenant key, the bootstrap ones (`root`, `cloud`) included; checked before a lookup. */
const KEY_SHAPE = /^[a-z0-9][a-z0-9-]{0,62}$/;

const unknownTenant = (key: string) => new AppError("not_found", `No tenant with the key “${key}”.`);

/** The tenant with this key, of any kind or status, or `not_found`. */
export async function tenantNamed(key: string): Promise<ResolvedTenant> {
  const tenant = KEY_SHAPE.test(key) ? await tenantByKey(key) : null;
  if (!tenant) throw unknownTenant(key);
  return tenant;
}

/** A tenant whose database the API may work on: active, with its database and realm in place. */
function usable(tenant: ResolvedTenant): ResolvedTenant {
  if (tenant.status !== "active") throw new AppError("tenant_suspended", `The tenant “${tenant.key}” is ${tenant.status}.`);
  return tenant;
}

/**
 * The tenant that `key` names — `{key}` of a per-tenant REST route, or the target a tenant
 * administration server action was bound to. On a workspace host it must be that workspace: its
 * keys and sessions act on it alone. On the console a superadmin may name any active customer tenant.
 */
export async function targetTenant(host: ResolvedTenant, principal: Principal, key: string): Promise<ResolvedTenant> {
  if (host.kind !== "root") {
    if (key !== host.key) throw new AppError("forbidden", `These credentials belong to “${host.key}” and cannot act on another tenant.`);
    return usable(host);
  }
  if (principal.kind !== "superadmin") throw new AppError("forbidden", "Only superadmins may act on tenants from the console.");
  const tenant = await tenantNamed(key);
  if (tenant.kind === "root") throw unknownTenant(key);
  return usable(tenant);
}
