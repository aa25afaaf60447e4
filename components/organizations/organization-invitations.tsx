import { Time } from "@/components/ui/time";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { Badge, type Tone } from "@/components/ui/badge";
import { OrganizationRoleBadge } from "@/components/organizations/organization-role-badge";
import { InvitationControls } from "@/components/organizations/invitation-controls";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/edge/actions/organizations";
import type { InvitationStatus, listInvitations } from "@/lib/organizations/queries";

const STATUS: Record<InvitationStatus, { tone: Tone; label: string }> = {
  open: { tone: "blue", label: "Open" },
  expired: { tone: "amber", label: "Expired" },
  accepted: { tone: "green", label: "Accepted" },
  revoked: { tone: "slate", label: "Withdrawn" },
};

type Invitation = Awaited<ReturnType<typeof listInvitations>>[number];

/** An organization's invitations with their status; admins send open or expired ones again and withdraw them. */
export function OrganizationInvitations({ organizationId, invitations, manageable }: { organizationId: string; invitations: Invitation[]; manageable: boolean }) {
  const columns = ["Email", "Role", "Status", "Expires", "Invited by", ...(manageable ? ["Actions"] : [])];
  return (
    <section aria-labelledby="org-invitations-heading" className="grid gap-3">
      <h2 id="org-invitations-heading" className="text-lg font-semibold">
        Invitations
      </h2>
      {invitations.length === 0 ? (
        <EmptyState>No invitations yet.</EmptyState>
      ) : (
        <DataTable columns={columns} caption="Invitations">
          {invitations.map((i) => (
            <tr key={i.id} data-testid={`invitation-${i.email}`}>
              <td className="px-4 py-2 font-medium">{i.email}</td>
              <td className="px-4 py-2">
                <OrganizationRoleBadge role={i.role} />
              </td>
              <td className="px-4 py-2">
                <Badge tone={STATUS[i.status].tone}>{STATUS[i.status].label}</Badge>
                {i.acceptedBy ? <div className="text-xs text-slate-500">by {i.acceptedBy}</div> : null}
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                <Time value={i.expiresAt} />
              </td>
              <td className="px-4 py-2 text-slate-600">{i.createdBy}</td>
              {manageable ? (
                <td className="px-4 py-2">
                  {i.status === "open" || i.status === "expired" ? (
                    <InvitationControls
                      email={i.email}
                      resend={resendInvitationAction.bind(null, organizationId, i.id)}
                      revoke={revokeInvitationAction.bind(null, organizationId, i.id)}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
