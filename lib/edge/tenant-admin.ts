import "server-only";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { authenticateMember, authorizeSuperadmin, requireMember, requireSuperadmin } from "@/lib/auth/guards";
import type { AuditActor } from "@/lib/audit/actor";
import { isAppError } from "@/lib/errors/app-error";
import { can, SUPERADMIN_PRINCIPAL as SUPERADMIN, type Permission, type Principal, type Scope } from "@/lib/permissions/permissions";
import { requestTenant } from "@/lib/tenancy/request";
import { tenantById } from "@/lib/tenancy/resolve";
import { targetTenant } from "@/lib/tenancy/target";
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

/** Where a tenant-administration page is: the workspace's own host, or the console naming a tenant by id. */
export type AdminPage = { on: "workspace" } | { on: "console"; tenantId: string };

async function adminView(page: AdminPage): Promise<TenantAdminView> {
  if (page.on === "workspace") {
    const { tenant, principal } = await requireMember();
    return { tenant, principal, admin: WORKSPACE };
  }
  const caller = await requireSuperadmin();
  const named = z.uuid().safeParse(page.tenantId).success ? await tenantById(page.tenantId) : null;
  if (!named) notFound();
  try {
    const tenant = await targetTenant(caller.tenant, SUPERADMIN, named.key);
    return { tenant, principal: SUPERADMIN, admin: consoleScope(tenant) };
  } catch (error) {
    if (isAppError(error)) notFound();
    throw error;
  }
}

/**
 * A tenant-administration page. On the workspace: its signed-in member. In the console: a
 * superadmin, and the active customer tenant with that id (else a 404). With `permission`, the
 * viewer must hold it (within an OU, when `scope` names one): the 403 page otherwise.
 */
export async function requireTenantAdminPage(page: AdminPage, permission?: Permission, scope?: Scope): Promise<TenantAdminView> {
  const view = await adminView(page);
  if (permission && !can(view.principal, permission, scope)) forbidden();
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
