import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { OrganizationRoleBadge } from "@/components/organizations/organization-role-badge";
import { requireCloudMember } from "@/lib/edge/pages";
import { organizationsOf } from "@/lib/organizations/queries";

export const metadata: Metadata = { title: "Your organizations" };

/** The signed-in user's organizations on the cloud host (only theirs: membership is the filter). */
export default async function OrganizationsPage() {
  const caller = await requireCloudMember();
  const memberships = await organizationsOf(caller.tenant, caller.session.user.username);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Your organizations</h1>
      {memberships.length === 0 ? (
        <EmptyState>You are not a member of any organization. You join one by accepting an invitation link from its admin.</EmptyState>
      ) : (
        <DataTable columns={["Organization", "Your role"]} caption="Your organizations">
          {memberships.map(({ organization, role }) => (
            <tr key={organization.id}>
              <td className="px-4 py-2">
                <Link href={`/orgs/${organization.slug}`} className="font-medium text-brand-700 hover:underline">
                  {organization.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{organization.slug}</div>
              </td>
              <td className="px-4 py-2">
                <OrganizationRoleBadge role={role} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
