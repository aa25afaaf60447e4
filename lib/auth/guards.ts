import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getServerSession, type Session } from "next-auth";
import { authOptionsFor } from "@/lib/auth/options";
import { requireConsoleHost, requireWorkspace } from "@/lib/access/request";
import { TENANT_HEADERS } from "@/lib/tenancy/headers";
import { SUPERADMIN_ROLE } from "@/lib/identity/roles";
import { AppError } from "@/lib/errors/app-error";
import { requestActor, type AuditActor } from "@/lib/audit/actor";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { can, isTenantAdmin, type Permission, type Principal, type Scope } from "@/lib/permissions/permissions";
import { userStanding } from "@/lib/permissions/principal";
import { accessDenial, denialError, userRequester } from "@/lib/access/enforce";
import type { Denial } from "@/lib/access/decide";
import { UNAVAILABLE_PUBLIC_PATH } from "@/lib/tenancy/routing";

/** Who is calling: the tenant the host resolved to, and a session issued by that tenant's realm. */
export interface Caller {
  tenant: ResolvedTenant;
  session: Session;
  actor: AuditActor;
}

async function callerOf(tenant: ResolvedTenant): Promise<Caller | null> {
  const session = await getServerSession(authOptionsFor(tenant));
  // The session key is per tenant, so another tenant's cookie does not even decrypt; check anyway.
  if (!session || session.tenant !== tenant.key) return null;
  const h = await headers();
  return {
    tenant,
    session,
    actor: requestActor(h, `${tenant.key}/${session.user.username}`),
  };
}

export function hasRole(caller: Caller, role: string): boolean {
  return caller.session.user.roles.includes(role);
}

async function signIn(): Promise<never> {
  const path = (await headers()).get(TENANT_HEADERS.path) ?? "/";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

// Pages: redirect to sign-in (and back) without a session; 403 page without the role.

export async function requireSuperadmin(): Promise<Caller> {
  const caller = await callerOf(await requireConsoleHost());
  if (!caller) return signIn();
  if (!hasRole(caller, SUPERADMIN_ROLE)) forbidden();
  return caller;
}

/** A workspace caller with their permissions in that tenant. */
export interface TenantCaller extends Caller {
  principal: Principal;
}

/**
 * The signed-in member of this workspace, or null — also when the tenant has disabled them since.
 * `denial` is set when the access rules refuse this user (e.g. the break-glass exemption does not
 * cover them).
 */
async function tenantCallerOf(tenant: ResolvedTenant): Promise<(TenantCaller & { denial: Denial | null }) | null> {
  const caller = await callerOf(tenant);
  if (!caller) return null;
  const username = caller.session.user.username;
  const [standing, denial] = await Promise.all([userStanding(tenant, username, caller.session.user.roles, caller.session.user.subject ?? null), accessDenial(tenant, userRequester(username))]);
  return standing.enabled ? { ...caller, principal: standing.principal, denial } : null;
}

export async function requireMember(): Promise<TenantCaller> {
  const caller = await tenantCallerOf(await requireWorkspace());
  if (!caller) return signIn();
  if (caller.denial) redirect(UNAVAILABLE_PUBLIC_PATH);
  return caller;
}

export async function requireTenantAdmin(): Promise<TenantCaller> {
  const caller = await requireMember();
  if (!isTenantAdmin(caller.principal)) forbidden();
  return caller;
}

/** A workspace page that needs `permission` (within an OU, when `scope` names one). */
export async function requirePermission(permission: Permission, scope?: Scope): Promise<TenantCaller> {
  const caller = await requireMember();
  if (!can(caller.principal, permission, scope)) forbidden();
  return caller;
}

/** The signed-in member of this workspace for a server action: an AppError instead of a redirect. */
export async function authenticateMember(): Promise<TenantCaller> {
  const caller = await tenantCallerOf(await requireWorkspace());
  if (!caller) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (caller.denial) throw denialError(caller.denial, caller.tenant);
  return caller;
}

export const notAllowed = () => new AppError("forbidden", "You are not allowed to do this.");

/** A workspace server action that needs `permission`: an AppError instead of a redirect. */
export async function authorize(permission: Permission, scope?: Scope): Promise<TenantCaller> {
  const caller = await authenticateMember();
  if (!can(caller.principal, permission, scope)) throw notAllowed();
  return caller;
}

// Server actions and route handlers: a stable error code instead of a redirect.

export async function authorizeSuperadmin(): Promise<Caller> {
  const caller = await callerOf(await requireConsoleHost());
  if (!caller) throw new AppError("unauthorized", "Sign in to the console first.");
  if (!hasRole(caller, SUPERADMIN_ROLE)) throw new AppError("forbidden", "Only superadmins may do this.");
  return caller;
}
