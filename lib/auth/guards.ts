import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getServerSession, type Session } from "next-auth";
import { authOptionsFor } from "@/lib/auth/options";
import { requireConsoleHost, requireWorkspace } from "@/lib/tenancy/request";
import { TENANT_HEADERS } from "@/lib/tenancy/headers";
import { SUPERADMIN_ROLE } from "@/lib/identity/roles";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import type { ResolvedTenant } from "@/lib/tenancy/types";

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
    actor: { actor: `${tenant.key}/${session.user.username}`, ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null, userAgent: h.get("user-agent") },
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

export async function requireMember(): Promise<Caller> {
  const caller = await callerOf(await requireWorkspace());
  return caller ?? signIn();
}

export async function requireTenantAdmin(): Promise<Caller> {
  const caller = await requireMember();
  if (!hasRole(caller, "tenant-admin")) forbidden();
  return caller;
}

// Server actions and route handlers: a stable error code instead of a redirect.

export async function authorizeSuperadmin(): Promise<Caller> {
  const caller = await callerOf(await requireConsoleHost());
  if (!caller) throw new AppError("unauthorized", "Sign in to the console first.");
  if (!hasRole(caller, SUPERADMIN_ROLE)) throw new AppError("forbidden", "Only superadmins may do this.");
  return caller;
}
