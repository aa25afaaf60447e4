import { Time } from "@/components/ui/time";
import Link from "next/link";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { Pagination, SearchForm } from "@/components/ui/pagination";
import { Badge } from "@/components/ui/badge";
import { AddMembershipForm } from "@/components/memberships/add-membership-form";
import { MembershipRemoveCell, MembershipRoleCell } from "@/components/memberships/membership-controls";
import { addMemberAction } from "@/lib/edge/actions/memberships";
import type { AdminScope } from "@/lib/edge/tenant-admin";
import { listOrgUnitMembers, type OrgUnitMember } from "@/lib/memberships/service";
import { can, type Principal } from "@/lib/permissions/permissions";
import type { PageQuery } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";

const fullName = (m: OrgUnitMember) => [m.firstName, m.lastName].filter(Boolean).join(" ");

/** An org unit's members (searchable, paginated); those who manage it add, re-role and remove them here. */
export async function OrgUnitMembers({
  tenant,
  orgUnit,
  principal,
  query,
  admin,
}: {
  tenant: ResolvedTenant;
  orgUnit: { id: string; identifier: string };
  principal: Principal;
  query: PageQuery;
  admin: AdminScope;
}) {
  const manageable = can(principal, "membership:manage", { orgUnitId: orgUnit.id });
  const page = await listOrgUnitMembers(tenant, orgUnit.id, query);
  const columns = ["Member", "Email", "Role", "Since", ...(manageable ? ["Actions"] : [])];
  const empty = query.q ? `No member matches “${query.q}”.` : manageable ? "No members yet. Add the first one above." : "No members yet.";

  return (
    <section aria-labelledby="members-heading" className="grid gap-4">
      <h2 id="members-heading" className="text-lg font-semibold">
        Members <span className="text-sm font-normal text-slate-500">({page.total})</span>
      </h2>
      {manageable ? (
        <AddMembershipForm
          action={addMemberAction.bind(null, admin.target, orgUnit.id)}
          title={`Add a member to ${orgUnit.identifier}`}
          subject={{ name: "username", label: "Username", hint: "A user of this workspace." }}
        />
      ) : null}
      {page.total > 0 || query.q ? <SearchForm q={query.q} placeholder="Username or name" label="Search members" /> : null}
      {page.items.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <DataTable columns={columns} caption={`Members of ${orgUnit.identifier}`}>
          {page.items.map((m) => {
            const membership = { orgUnitId: orgUnit.id, identifier: orgUnit.identifier, username: m.username, role: m.role };
            return (
              <tr key={m.username} data-testid={`member-${m.username}`}>
                <td className="px-4 py-2">
                  <Link href={`${admin.base}/users/${encodeURIComponent(m.username)}`} className="font-medium text-brand-700 hover:underline">
                    {m.username}
                  </Link>
                  <div className="text-xs text-slate-500">{fullName(m) || "—"}</div>
                  {m.enabled ? null : <Badge tone="red">Disabled</Badge>}
                </td>
                <td className="px-4 py-2 text-slate-600">{m.email ?? "—"}</td>
                <td className="px-4 py-2">
                  <MembershipRoleCell membership={membership} manageable={manageable} target={admin.target} />
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                  <Time value={m.since} precision="day" />
                </td>
                {manageable ? (
                  <td className="px-4 py-2">
                    <MembershipRemoveCell membership={membership} target={admin.target} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pagination page={page} basePath={`${admin.base}/org-units/${orgUnit.id}`} query={query} noun="members" />
    </section>
  );
}
