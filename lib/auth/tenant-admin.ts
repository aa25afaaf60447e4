import "server-only";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { authenticateMember, authorizeSuperadmin, notAllowed, requireMember, requireSuperadmin } from "@/lib/auth/guards";
import type { AuditActor } from "@/lib/audit/actor";
import { isAppError } from "@/lib/errors/app-error";
import { can, SUPERADMIN_PRINCIPAL as SUPERADMIN, type Permission, type Principal, type Scope } from "@/lib/permissions/permissions";
import { requestTenant } from "@/lib/access/request";
import { tenantById } from "@/lib/tenancy/resolve";
import { targetTenant } from "@/lib/permissions/target";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/**
 * Where a tenant is administered from. On its own host the tenant is the host's (`target` null,
 * links at the root); from the console a superadmin names it (`target` its key, links under
 * `/tenants/<id>`). Pages hand this to forms, which bind `target` into their server actions: it
 * comes back from the browser, so every action checks it again (tenantAdminCaller).
 */
export interface AdminScope {
  target: string | null;
  base: string;
}

const WORKSPACE: AdminScope = { target: null, base: "" };

const consoleScope = (tenant: ResolvedTenant): AdminScope => ({ target: tenant.key, base: `/tenants/${tenant.id}` });

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
 * Pages. `consoleTenantId` null: the workspace of this host and its signed-in member. Otherwise
 * the console, a superadmin, and the active customer tenant with that id (else a 404).
 */
export async function requireTenantAdminView(consoleTenantId: string | null): Promise<TenantAdminView> {
  if (consoleTenantId === null) {
    const { tenant, principal } = await requireMember();
    return { tenant, principal, admin: WORKSPACE };
  }
  const caller = await requireSuperadmin();
  const named = z.uuid().safeParse(consoleTenantId).success ? await tenantById(consoleTenantId) : null;
  if (!named) notFound();
  try {
    const tenant = await targetTenant(caller.tenant, SUPERADMIN, named.key);
    return { tenant, principal: SUPERADMIN, admin: consoleScope(tenant) };
  } catch (error) {
    if (isAppError(error)) notFound();
    throw error;
  }
}

/** A page that needs `permission` (within an OU, when `scope` names one): the 403 page otherwise. */
export async function requireTenantAdminPermission(consoleTenantId: string | null, permission: Permission, scope?: Scope): Promise<TenantAdminView> {
  const view = await requireTenantAdminView(consoleTenantId);
  if (!can(view.principal, permission, scope)) forbidden();
  return view;
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
  return { tenant, principal: caller.principal, actor: caller.actor, admin: WORKSPACE };
}

/** A server action that needs `permission` on the target tenant (within an OU, when `scope` names one). */
export async function authorizeTenantAdmin(target: string | null, permission: Permission, scope?: Scope): Promise<TenantAdminCaller> {
  const caller = await tenantAdminCaller(target);
  if (!can(caller.principal, permission, scope)) throw notAllowed();
  return caller;
}
