import "server-only";
import { callerOf, type Caller } from "@/lib/auth/session-caller";
import { requireConsoleHost, requireWorkspace } from "@/lib/access/request";
import { SUPERADMIN_ROLE } from "@/lib/identity/roles";
import { AppError } from "@/lib/errors/app-error";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { Principal } from "@/lib/permissions/permissions";
import { userAccount } from "@/lib/permissions/principal";
import { accessDenial, denialError, userRequester } from "@/lib/access/enforce";
import type { Denial } from "@/lib/access/decide";

// Who may act, from the request's session (lib/auth/session-caller.ts reads it). Pages turn a
// missing caller into a redirect (lib/edge/pages.ts); server actions and route handlers into a
// stable error code (below).

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
  const [account, denial] = await Promise.all([
    userAccount(tenant, username, caller.session.user.roles, caller.session.user.subject ?? null),
    accessDenial(tenant, userRequester(username)),
  ]);
  return account.enabled ? { ...caller, principal: account.principal, denial } : null;
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
