import { ChangeRoleForm } from "@/components/memberships/change-role-form";
import { RemoveMembershipButton } from "@/components/memberships/remove-membership-button";
import { MembershipRoleBadge } from "@/components/memberships/role-badge";
import { changeRoleAction, removeMemberAction } from "@/app/workspace/memberships/actions";
import type { MembershipRole } from "@/lib/memberships/roles";

export interface MembershipRef {
  orgUnitId: string;
  identifier: string;
  username: string;
  role: MembershipRole;
}

/** The role of one membership: a badge, or for those who manage it a role form and a remove button. */
export function MembershipRoleCell({ membership, manageable }: { membership: MembershipRef; manageable: boolean }) {
  if (!manageable) return <MembershipRoleBadge role={membership.role} />;
  const { orgUnitId, identifier, username, role } = membership;
  return <ChangeRoleForm action={changeRoleAction.bind(null, orgUnitId, username)} role={role} label={`Role of ${username} in ${identifier}`} />;
}

export function MembershipRemoveCell({ membership }: { membership: MembershipRef }) {
  const { orgUnitId, identifier, username } = membership;
  return <RemoveMembershipButton action={removeMemberAction.bind(null, orgUnitId, username)} description={`Remove ${username} from ${identifier}`} />;
}
