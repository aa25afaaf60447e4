import { Time } from "@/components/ui/time";
import Link from "next/link";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { AddMembershipForm } from "@/components/memberships/add-membership-form";
import { MembershipRemoveCell, MembershipRoleCell } from "@/components/memberships/membership-controls";
import { addToOrgUnitAction } from "@/lib/edge/actions/memberships";
import type { AdminScope } from "@/lib/edge/tenant-admin";
import { listUserMemberships } from "@/lib/memberships/service";
import { can, canSomewhere, type Principal } from "@/lib/permissions/permissions";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/**
 * The org units a user belongs to, for the user's page: only those the viewer may read, each
 * with role controls where the viewer manages memberships, and a form to add the user to an OU.
 */
export async function UserMemberships({ tenant, username, principal, admin }: { tenant: ResolvedTenant; username: string; principal: Principal; admin: AdminScope }) {
  const memberships = (await listUserMemberships(tenant, username)).filter((m) => can(principal, "membership:read", { orgUnitId: m.orgUnitId }));
  const manageable = (orgUnitId: string) => can(principal, "membership:manage", { orgUnitId });
  const anyManageable = memberships.some((m) => manageable(m.orgUnitId));
  const columns = ["Org unit", "Role", "Since", ...(anyManageable ? ["Actions"] : [])];

  return (
    <section aria-labelledby="user-memberships-heading" className="grid gap-4">
      <h2 id="user-memberships-heading" className="text-lg font-semibold">
        Org units
      </h2>
      {memberships.length === 0 ? (
        <EmptyState>
          {username} is not a member of any org unit{canSomewhere(principal, "membership:manage") ? " yet" : " you can see"}.
        </EmptyState>
      ) : (
        <DataTable columns={columns} caption={`Org units of ${username}`}>
          {memberships.map((m) => {
            const membership = { orgUnitId: m.orgUnitId, identifier: m.identifier, username, role: m.role };
            return (
              <tr key={m.orgUnitId} data-testid={`membership-${m.identifier}`}>
                <td className="px-4 py-2">
                  <Link href={`${admin.base}/org-units/${m.orgUnitId}`} className="font-medium text-brand-700 hover:underline">
                    {m.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{m.identifier}</div>
                </td>
                <td className="px-4 py-2">
                  <MembershipRoleCell membership={membership} manageable={manageable(m.orgUnitId)} target={admin.target} />
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                  <Time value={m.since} precision="day" />
                </td>
                {anyManageable ? <td className="px-4 py-2">{manageable(m.orgUnitId) ? <MembershipRemoveCell membership={membership} target={admin.target} /> : null}</td> : null}
              </tr>
            );
          })}
        </DataTable>
      )}
      {canSomewhere(principal, "membership:manage") ? (
        <AddMembershipForm
          action={addToOrgUnitAction.bind(null, admin.target, username)}
          title={`Add ${username} to an org unit`}
          subject={{ name: "orgUnit", label: "Org unit identifier", hint: "e.g. sales-west" }}
        />
      ) : null}
    </section>
  );
}
