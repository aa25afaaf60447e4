import { Time } from "@/components/ui/time";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { Pagination, SearchForm } from "@/components/ui/pagination";
import { OrganizationRoleBadge } from "@/components/organizations/organization-role-badge";
import { ChangeRoleForm } from "@/components/memberships/change-role-form";
import { RemoveMembershipButton } from "@/components/memberships/remove-membership-button";
import { changeOrganizationRoleAction, removeOrganizationMemberAction } from "@/lib/edge/actions/organizations";
import { organizationRoleOptions } from "@/lib/organizations/roles";
import type { OrganizationMemberRow } from "@/lib/organizations/queries";
import type { Page } from "@/lib/pagination/page";

const ROLE_CHOICES = organizationRoleOptions({ described: false });

/** An organization's members; its admins change roles and remove people here (`manageable`), everyone else reads. */
export function OrganizationMembers({
  organization,
  page,
  q,
  basePath,
  manageable,
}: {
  organization: { id: string; name: string };
  page: Page<OrganizationMemberRow>;
  q: string;
  basePath: string;
  manageable: boolean;
}) {
  const columns = ["Member", "Email", "Role", "Since", ...(manageable ? ["Actions"] : [])];
  return (
    <section aria-labelledby="org-members-heading" className="grid gap-3">
      <h2 id="org-members-heading" className="text-lg font-semibold">
        Members <span className="text-sm font-normal text-slate-500">({page.total})</span>
      </h2>
      {page.total > 0 || q ? <SearchForm q={q} placeholder="Username" label="Search members" /> : null}
      {page.items.length === 0 ? (
        <EmptyState>{q ? `No member matches “${q}”.` : "No members yet. Invite the first one."}</EmptyState>
      ) : (
        <DataTable columns={columns} caption={`Members of ${organization.name}`}>
          {page.items.map((m) => (
            <tr key={m.username} data-testid={`org-member-${m.username}`}>
              <td className="px-4 py-2">
                <div className="font-medium">{m.username}</div>
                <div className="text-xs text-slate-500">{m.name || "—"}</div>
              </td>
              <td className="px-4 py-2 text-slate-600">{m.email ?? "—"}</td>
              <td className="px-4 py-2">
                {manageable ? (
                  <ChangeRoleForm
                    action={changeOrganizationRoleAction.bind(null, organization.id, m.username)}
                    role={m.role}
                    label={`Role of ${m.username} in ${organization.name}`}
                    options={ROLE_CHOICES}
                  />
                ) : (
                  <OrganizationRoleBadge role={m.role} />
                )}
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                <Time value={m.joinedAt} precision="day" />
              </td>
              {manageable ? (
                <td className="px-4 py-2">
                  <RemoveMembershipButton
                    action={removeOrganizationMemberAction.bind(null, organization.id, m.username)}
                    description={`Remove ${m.username} from ${organization.name}`}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} basePath={basePath} query={{ q, page: page.page, pageSize: page.pageSize }} noun="members" />
    </section>
  );
}
