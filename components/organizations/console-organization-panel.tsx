import { InviteForm } from "@/components/organizations/invite-form";
import { StandingChangeForm } from "@/components/standing/standing-change-form";
import { organizationAccessDenial } from "@/lib/access/enforce";
import { describeOrganizationDenial } from "@/lib/access/messages";
import type { FormState } from "@/lib/forms/form-state";
import { OrganizationMembers } from "@/components/organizations/organization-members";
import { OrganizationInvitations } from "@/components/organizations/organization-invitations";
import { inviteFromConsoleAction } from "@/lib/edge/actions/organizations";
import { cloudTenant } from "@/lib/organizations/cloud";
import { listInvitations, listOrganizationMembers, organizationOfCustomer } from "@/lib/organizations/queries";
import type { PageQuery } from "@/lib/pagination/page";

/**
 * A shared customer's organization as the superadmin sees it on the console: members and
 * invitations read-only, and an invitation form (how an organization gets its first admin).
 */
export async function ConsoleOrganizationPanel({
  customer,
  query,
  basePath,
  accessAction,
}: {
  customer: { id: string; displayName: string; accessDisabledAt: Date | null };
  query: PageQuery;
  basePath: string;
  accessAction: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const customerId = customer.id;
  const cloud = await cloudTenant();
  const organization = cloud?.status === "active" ? await organizationOfCustomer(cloud, customerId) : null;
  if (!cloud || !organization) {
    return (
      <section aria-labelledby="organization-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="organization-heading" className="text-lg font-semibold">
          Organization
        </h2>
        <p className="mt-2 text-sm text-slate-600">The organization is created once the shared cloud tenant is ready; reload this page in a moment.</p>
      </section>
    );
  }
  const [members, invitations, denial] = await Promise.all([
    listOrganizationMembers(cloud, organization.id, query),
    listInvitations(cloud, organization.id),
    organizationAccessDenial(customerId),
  ]);
  const locked = denial ? describeOrganizationDenial(denial, organization.name) : null;
  return (
    <section aria-labelledby="organization-heading" className="grid gap-6 rounded-lg border border-slate-200 bg-slate-50 p-5" data-testid="customer-organization">
      <div>
        <h2 id="organization-heading" className="text-lg font-semibold">
          Organization {organization.name}
        </h2>
        <p className="text-sm text-slate-600">
          In the shared cloud tenant as <span className="font-mono">{organization.slug}</span>. Its admins manage it at <span className="font-mono">/orgs/{organization.slug}</span>{" "}
          on the cloud host; sign-in settings are the cloud realm&apos;s.
        </p>
      </div>
      <p className={`rounded-md p-3 text-sm ${locked ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`} data-testid="organization-access">
        {locked ? `Locked: ${locked.label}. ${locked.body}` : "The organization's members get in."}
      </p>
      <StandingChangeForm
        action={accessAction}
        title="Organization access"
        objectName={customer.displayName}
        field={{
          name: "enabled",
          label: "Access",
          options: [
            { value: "true", label: "Enabled" },
            { value: "false", label: "Disabled by billing" },
          ],
          current: String(customer.accessDisabledAt === null),
        }}
        text={{ name: "reason", label: "Reason", hint: "Required to disable; shown to the organization's members." }}
        consequence="Disabled: the organization's members are locked out of its pages; other organizations are not affected; nothing is deleted."
      />
      <InviteForm
        action={inviteFromConsoleAction.bind(null, customerId)}
        title={members.total === 0 ? "Invite the organization's first admin" : "Invite someone"}
        defaultRole={members.total === 0 ? "admin" : "member"}
      />
      <OrganizationMembers organization={organization} page={members} q={query.q} basePath={basePath} manageable={false} />
      <OrganizationInvitations organizationId={organization.id} invitations={invitations} manageable={false} />
    </section>
  );
}
