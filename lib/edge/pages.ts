import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { z } from "zod";
import { callerOf, type Caller } from "@/lib/auth/session-caller";
import { hasRole, tenantCallerOf, type TenantCaller } from "@/lib/edge/session-guards";
import { organizationAccessDenial } from "@/lib/access/enforce";
import { describeOrganizationDenial, type DenialText } from "@/lib/access/messages";
import { isAppError } from "@/lib/errors/app-error";
import { SUPERADMIN_ROLE } from "@/lib/identity/roles";
import { membershipBySlug } from "@/lib/organizations/queries";
import { can, isTenantAdmin, SUPERADMIN_PRINCIPAL as SUPERADMIN, type Permission, type Scope } from "@/lib/permissions/permissions";
import { TENANT_HEADERS } from "@/lib/tenancy/headers";
import { requireConsoleHost, requireWorkspace } from "@/lib/access/request";
import { tenantById } from "@/lib/tenancy/resolve";
import { UNAVAILABLE_PUBLIC_PATH } from "@/lib/tenancy/routing";
import { targetTenant } from "@/lib/permissions/target";
import { consoleScope, WORKSPACE_SCOPE, type TenantAdminView } from "@/lib/edge/tenant-admin";

// Page guards: without a session, a redirect to sign-in (and back); without the right, the 403
// page; for what the caller may not even know exists, the 404 page. (Server actions never
// redirect: their wrappers turn the same refusals into the form's state.)

async function signIn(): Promise<never> {
  const path = (await headers()).get(TENANT_HEADERS.path) ?? "/";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

/** A console page: a superadmin on the console host. */
export async function requireSuperadmin(): Promise<Caller> {
  const caller = await callerOf(await requireConsoleHost());
  if (!caller) return signIn();
  if (!hasRole(caller, SUPERADMIN_ROLE)) forbidden();
  return caller;
}

/** A workspace page: the signed-in member of this host's workspace, whom its access rules admit. */
export async function requireMember(): Promise<TenantCaller> {
  const caller = await tenantCallerOf(await requireWorkspace());
  if (!caller) return signIn();
  if (caller.denial) redirect(UNAVAILABLE_PUBLIC_PATH);
  return caller;
}

/** A workspace page for its tenant admins only. */
export async function requireTenantAdmin(): Promise<TenantCaller> {
  const caller = await requireMember();
  if (!isTenantAdmin(caller.principal)) forbidden();
  return caller;
}

/** Where a tenant-administration page is: the workspace's own host, or the console naming a tenant by id. */
export type AdminPage = { on: "workspace" } | { on: "console"; tenantId: string };

async function adminView(page: AdminPage): Promise<TenantAdminView> {
  if (page.on === "workspace") {
    const { tenant, principal } = await requireMember();
    return { tenant, principal, admin: WORKSPACE_SCOPE };
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
 * A tenant-administration page (also the workspace's audit pages). On the workspace: its
 * signed-in member. In the console: a superadmin, and the active customer tenant with that id
 * (else a 404). With `permission`, the viewer must hold it (within an OU, when `scope` names one).
 */
export async function requireTenantAdminPage(page: AdminPage, permission?: Permission, scope?: Scope): Promise<TenantAdminView> {
  const view = await adminView(page);
  if (permission && !can(view.principal, permission, scope)) forbidden();
  return view;
}

// Organizations exist on the cloud host only; on any other workspace these pages do not (cloudAction: nor the actions).

/** A page on the cloud host for a signed-in user of the cloud realm. */
export async function requireCloudMember(): Promise<TenantCaller> {
  const caller = await requireMember();
  if (caller.tenant.kind !== "shared_cloud") notFound();
  return caller;
}

/**
 * An organization page: the organization if the caller is its member (404 otherwise, exactly as for
 * a slug that does not exist), with their role and, when its customer's standing locks it, what to say.
 */
export async function requireOrganizationPage(slug: string) {
  const caller = await requireCloudMember();
  const membership = await membershipBySlug(caller.tenant, slug, caller.session.user.username);
  if (!membership) notFound();
  const denial = await organizationAccessDenial(membership.organization.customerId);
  const locked: DenialText | null = denial ? describeOrganizationDenial(denial, membership.organization.name) : null;
  return { caller, ...membership, locked };
}
