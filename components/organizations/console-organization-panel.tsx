import { InviteForm } from "@/components/organizations/invite-form";
import { OrganizationMembers } from "@/components/organizations/organization-members";
import { OrganizationInvitations } from "@/components/organizations/organization-invitations";
import { inviteFromConsoleAction } from "@/lib/organizations/actions";
import { cloudTenant } from "@/lib/organizations/cloud";
import { listInvitations, listOrganizationMembers, organizationOfCustomer } from "@/lib/organizations/queries";
import type { ListQuery } from "@/lib/pagination/page";

/**
 * A shared customer's organization as the superadmin sees it on the console: members and
 * invitations read-only, and an invitation form (how an organization gets its first admin).
 */
export async function ConsoleOrganizationPanel({ customerId, query, basePath }: { customerId: string; query: ListQuery; basePath: string }) {
  const cloud = await cloudTenant();
  const organization = cloud?.status === "active" ? await organizationOfCustomer(cloud, customerId) : null;
  if (!cloud || !organization) {
    return (
      <section aria-labelledby="organization-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="organization-heading" className="text-lg font-semibold">Organization</h2>
        <p className="mt-2 text-sm text-slate-600">The organization is created once the shared cloud tenant is ready; reload this page in a moment.</p>
      </section>
    );
  }
  const [members, invitations] = await Promise.all([listOrganizationMembers(cloud, organization.id, query), listInvitations(cloud, organization.id)]);
  return (
    <section aria-labelledby="organization-heading" className="grid gap-6 rounded-lg border border-slate-200 bg-slate-50 p-5" data-testid="customer-organization">
      <div>
        <h2 id="organization-heading" className="text-lg font-semibold">Organization {organization.name}</h2>
        <p className="text-sm text-slate-600">
          In the shared cloud tenant as <span className="font-mono">{organization.slug}</span>. Its admins manage it at <span className="font-mono">/orgs/{organization.slug}</span> on the cloud host; sign-in settings are the cloud realm&apos;s.
        </p>
      </div>
      <InviteForm action={inviteFromConsoleAction.bind(null, customerId)} title={members.total === 0 ? "Invite the organization's first admin" : "Invite someone"} defaultRole={members.total === 0 ? "admin" : "member"} />
      <OrganizationMembers organization={organization} page={members} q={query.q} basePath={basePath} manageable={false} />
      <OrganizationInvitations organizationId={organization.id} invitations={invitations} manageable={false} />
    </section>
  );
}
