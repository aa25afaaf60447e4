import "server-only";
import { authenticateMember, authorizeSuperadmin } from "@/lib/edge/session-guards";
import type { AuditActor } from "@/lib/audit/actor";
import { SUPERADMIN_PRINCIPAL as SUPERADMIN, type Principal } from "@/lib/permissions/permissions";
import { requestTenant } from "@/lib/access/request";
import { targetTenant } from "@/lib/permissions/target";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/**
 * Where a tenant is administered from. On its own host the tenant is the host's (`target` null,
 * links at the root); from the console a superadmin names it (`target` its key, links under
 * `/tenants/<id>`). Pages hand this to forms, which bind `target` into their server actions: it
 * comes back from the browser, so every action checks it again (tenantAdminCaller, for tenantAction).
 */
export interface AdminScope {
  target: string | null;
  base: string;
}

export const WORKSPACE_SCOPE: AdminScope = { target: null, base: "" };

export const consoleScope = (tenant: ResolvedTenant): AdminScope => ({ target: tenant.key, base: `/tenants/${tenant.id}` });

/** What a tenant-administration page renders for: the tenant, the viewer's permissions in it, where links go. */
export interface TenantAdminView {
  tenant: ResolvedTenant;
  principal: Principal;
  admin: AdminScope;
}

export interface TenantAdminCaller extends TenantAdminView {
  actor: AuditActor;
}

/**
 * Server actions: who acts on which tenant, from the request itself. On a workspace host the
 * target must be that workspace (another key is `forbidden`); on the console the caller must be a
 * superadmin and the target an active customer tenant — the same rule the REST API applies.
 */
export async function tenantAdminCaller(target: string | null): Promise<TenantAdminCaller> {
  const host = await requestTenant();
  if (host?.kind === "root") {
    const caller = await authorizeSuperadmin();
    const tenant = await targetTenant(caller.tenant, SUPERADMIN, target ?? "");
    return { tenant, principal: SUPERADMIN, actor: caller.actor, admin: consoleScope(tenant) };
  }
  const caller = await authenticateMember();
  const tenant = target === null ? caller.tenant : await targetTenant(caller.tenant, caller.principal, target);
  return { tenant, principal: caller.principal, actor: caller.actor, admin: WORKSPACE_SCOPE };
}
