import "server-only";
import { headers } from "next/headers";
import { getServerSession, type Session } from "next-auth";
import { authOptionsFor } from "@/lib/auth/options";
import { requireConsoleHost, requireWorkspace } from "@/lib/access/request";
import { SUPERADMIN_ROLE } from "@/lib/identity/roles";
import { AppError } from "@/lib/errors/app-error";
import { requestActor, type AuditActor } from "@/lib/audit/actor";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { Principal } from "@/lib/permissions/permissions";
import { userStanding } from "@/lib/permissions/principal";
import { accessDenial, denialError, userRequester } from "@/lib/access/enforce";
import type { Denial } from "@/lib/access/decide";

// Who calls, from the request's session. Pages turn a missing caller into a redirect
// (lib/edge/pages.ts); server actions and route handlers into a stable error code (below).

/** Who is calling: the tenant the host resolved to, and a session issued by that tenant's realm. */
export interface Caller {
  tenant: ResolvedTenant;
  session: Session;
  actor: AuditActor;
}

/** The caller of this request in `tenant`, or null without a session of that tenant's realm. */
export async function callerOf(tenant: ResolvedTenant): Promise<Caller | null> {
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

/** A workspace caller with their permissions in that tenant. */
export interface TenantCaller extends Caller {
  principal: Principal;
}

/**
 * The signed-in member of this workspace, or null — also when the tenant has disabled them since.
 * `denial` is set when the access rules refuse this user (e.g. the break-glass exemption does not
 * cover them).
 */
export async function tenantCallerOf(tenant: ResolvedTenant): Promise<(TenantCaller & { denial: Denial | null }) | null> {
  const caller = await callerOf(tenant);
  if (!caller) return null;
  const username = caller.session.user.username;
  const [standing, denial] = await Promise.all([
    userStanding(tenant, username, caller.session.user.roles, caller.session.user.subject ?? null),
    accessDenial(tenant, userRequester(username)),
  ]);
  return standing.enabled ? { ...caller, principal: standing.principal, denial } : null;
}

// Server actions and route handlers: a stable error code instead of a redirect.

/** The signed-in member of this workspace for a server action. */
export async function authenticateMember(): Promise<TenantCaller> {
  const caller = await tenantCallerOf(await requireWorkspace());
  if (!caller) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (caller.denial) throw denialError(caller.denial, caller.tenant);
  return caller;
}

export const notAllowed = () => new AppError("forbidden", "You are not allowed to do this.");

export async function authorizeSuperadmin(): Promise<Caller> {
  const caller = await callerOf(await requireConsoleHost());
  if (!caller) throw new AppError("unauthorized", "Sign in to the console first.");
  if (!hasRole(caller, SUPERADMIN_ROLE)) throw new AppError("forbidden", "Only superadmins may do this.");
  return caller;
}
