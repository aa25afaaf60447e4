import "server-only";
import { notFound } from "next/navigation";
import { requireMember, type TenantCaller } from "@/lib/auth/guards";
import { organizationAccessDenial } from "@/lib/access/enforce";
import { describeOrganizationDenial, type DenialText } from "@/lib/access/messages";
import { membershipBySlug } from "@/lib/organizations/queries";

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
