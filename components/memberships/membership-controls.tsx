import { ChangeRoleForm } from "@/components/memberships/change-role-form";
import { RemoveMembershipButton } from "@/components/memberships/remove-membership-button";
import { MembershipRoleBadge } from "@/components/memberships/role-badge";
import { changeRoleAction, removeMemberAction } from "@/lib/edge/actions/memberships";
import type { MembershipRole } from "@/lib/memberships/roles";

export interface MembershipRef {
  orgUnitId: string;
  identifier: string;
  username: string;
  role: MembershipRole;
}

/** The role of one membership: a badge, or for those who manage it a role form and a remove button. */
/** `target`: the tenant the actions act on (see AdminScope). */
export function MembershipRoleCell({ membership, manageable, target }: { membership: MembershipRef; manageable: boolean; target: string | null }) {
  if (!manageable) return <MembershipRoleBadge role={membership.role} />;
  const { orgUnitId, identifier, username, role } = membership;
  return <ChangeRoleForm action={changeRoleAction.bind(null, target, orgUnitId, username)} role={role} label={`Role of ${username} in ${identifier}`} />;
}

export function MembershipRemoveCell({ membership, target }: { membership: MembershipRef; target: string | null }) {
  const { orgUnitId, identifier, username } = membership;
  return <RemoveMembershipButton action={removeMemberAction.bind(null, target, orgUnitId, username)} description={`Remove ${username} from ${identifier}`} />;
}
